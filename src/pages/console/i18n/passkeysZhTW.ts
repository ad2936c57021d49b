import type { passkeysEn } from './passkeysEn.js';

// 通行金鑰的繁體中文。鍵與 passkeysEn.ts 相同。
export const passkeysZhTW: { readonly [Key in keyof typeof passkeysEn]: string } = {
  'passkeys.title': '您的通行金鑰',
  'passkeys.intro':
    '通行金鑰讓您不用密碼就能登入：您的手機、電腦或安全金鑰會確認您的指紋、臉孔或 PIN，任何機密都不會離開裝置。通行金鑰只能用於這個主控台。',
  'passkeys.none': '您還沒有通行金鑰。',
  'passkeys.name': '名稱',
  'passkeys.added': '新增日期',
  'passkeys.lastUsed': '上次使用',
  'passkeys.notUsed': '尚未使用',
  'passkeys.remove': '移除',
  'passkeys.removeLabel': '移除通行金鑰「{name}」',
  'passkeys.add': '新增通行金鑰',
  'passkeys.nameHint': '方便您分辨各個通行金鑰，例如「公司筆電」。',
  'passkeys.submit': '新增通行金鑰',
  'passkeys.unsupported': '新增通行金鑰需要 JavaScript 與支援通行金鑰的瀏覽器。您仍可用密碼登入。',
  'passkeys.cancelled': '沒有建立通行金鑰：對話框已關閉或逾時。準備好後請再試一次。',
  'passkeys.failed': '無法建立通行金鑰。請再試一次，或改用其他裝置。',
  'passkeys.notice.added': '已新增您的通行金鑰。下次可以用它登入。',
  'passkeys.notice.removed': '已移除通行金鑰。它不能再讓您登入。',
  'passkeys.badName': '請為通行金鑰取 1 到 {max} 個字元的名稱。',
  'passkeys.badResponse': '無法驗證瀏覽器的回應，因此沒有新增通行金鑰。請再試一次。',
  'passkeys.registered': '這個通行金鑰已經登錄過了。',
  'home.passkeys': '您的通行金鑰',
  'signIn.passkey.heading': '或使用通行金鑰',
  'signIn.passkey.hint': '您的裝置會列出您為這個主控台建立的通行金鑰。',
  'signIn.passkey.submit': '使用通行金鑰登入',
  'signIn.passkey.cancelled': '通行金鑰對話框已關閉。請再試一次，或用密碼登入。',
  'signIn.passkey.failed': '使用通行金鑰登入失敗。請再試一次，或改用密碼。',
  'signIn.passkeyFailed': '這個通行金鑰無法在此登入。請換一個，或使用電子郵件與密碼。',
};
