import { CloseCode } from '../../shared/protocol/closeCodes.js'
import type { StringKey } from '../i18n/strings.js'

/** The UI message for a close code that refused the connection. */
export function deniedMessage(code: number | null): StringKey {
  switch (code) {
    case CloseCode.inviteRequired:
      return 'deniedRequired'
    case CloseCode.inviteInvalid:
      return 'deniedInvalid'
    case CloseCode.inviteRevoked:
      return 'deniedRevoked'
    case CloseCode.inviteExpired:
      return 'deniedExpired'
    case CloseCode.boardTooLarge:
      return 'deniedTooLarge'
    default:
      return 'deniedOther'
  }
}
