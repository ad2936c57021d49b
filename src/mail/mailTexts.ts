// What learner e-mail says, in each language the service writes: one table, so a text added in
// one language is a compile error until the others have it. `{name}` marks a value filled in;
// the subjects and bodies of learner messages are the default templates, with the placeholders
// an issuer's own template has (templateText.ts).
import { DEFAULT_LANGUAGE, type Language } from '../catalog/catalogTypes.js';

const en = {
  'issued.subject': 'Your credential: {achievementName}',
  'issued.body':
    '{issuerName} has issued you a credential: {achievementName}.\n\nSee it, share it or download it here:\n{credentialUrl}\n\nAnyone can check it at that address, or by scanning the QR code in this message.',
  'reminder.subject': 'Your credential expires on {validUntil}: {achievementName}',
  'reminder.body':
    'Your credential {achievementName} from {issuerName} is valid until {validUntil}.\n\nIf you need it to stay valid after that, ask {issuerName} about renewing it.\n\n{credentialUrl}',
  'wallet.body':
    'Add it to your digital wallet (the Learner Credential Wallet or an EU wallet) from this page, which is yours alone: do not share it. It can be claimed once, until {claimExpires}:\n{claimUrl}',
  'qr.alt': "QR code of the credential's page",
  'preview.achievement': 'Digital skills (example)',
  footer: 'You receive this e-mail because {issuerName} issued a credential to this address.',
  'invitation.subject': 'You are invited to the console of {issuer}',
  'invitation.body':
    '{issuer} invites you to its issuer console as {role}.\n\nChoose a password to make your account here; the link works once, until {date}:\n{url}\n\nIf you did not expect this, ignore this e-mail: no account is made without the link.',
  'invitation.footer': 'You receive this e-mail because staff of {issuer} invited this address.',
  'role.owner': 'an owner (staff, keys and webhooks as well as awarding)',
  'role.issuer': 'an issuer (awarding and changing credentials)',
  'role.viewer': 'a viewer (reading only)',
};

type MailTexts = Record<keyof typeof en, string>;

const ja: MailTexts = {
  'issued.subject': '認定証が発行されました: {achievementName}',
  'issued.body':
    '{issuerName} から認定証「{achievementName}」が発行されました。\n\n次のページで表示・共有・ダウンロードできます:\n{credentialUrl}\n\nこのアドレス、またはこのメールの QR コードから、誰でも認定証を確認できます。',
  'reminder.subject': '認定証の有効期限は {validUntil} です: {achievementName}',
  'reminder.body':
    '{issuerName} から発行された認定証「{achievementName}」の有効期限は {validUntil} です。\n\nその後も有効である必要がある場合は、{issuerName} に更新についてお問い合わせください。\n\n{credentialUrl}',
  'wallet.body':
    'デジタルウォレット（Learner Credential Wallet または EU のウォレット）には次のページから追加できます。このページはあなた専用のため、他の人と共有しないでください。{claimExpires} まで、一度だけ受け取れます:\n{claimUrl}',
  'qr.alt': '認定証ページの QR コード',
  'preview.achievement': 'デジタルスキル(例)',
  footer: '{issuerName} がこのアドレスに認定証を発行したため、このメールをお送りしています。',
  'invitation.subject': '{issuer} の発行者コンソールへの招待',
  'invitation.body':
    '{issuer} から、発行者コンソールに{role}として招待されました。\n\n次のリンクからパスワードを決めてアカウントを作成してください。リンクは {date} まで、1 回だけ使えます:\n{url}\n\n心当たりがない場合は、このメールを無視してください。リンクを使わない限りアカウントは作られません。',
  'invitation.footer':
    '{issuer} のスタッフがこのアドレスを招待したため、このメールをお送りしています。',
  'role.owner': 'オーナー(発行に加え、スタッフ・キー・Webhook の管理)',
  'role.issuer': '発行担当(認定証の発行と状態の変更)',
  'role.viewer': '閲覧者(閲覧のみ)',
};

const zhTW: MailTexts = {
  'issued.subject': '您已獲得證書：{achievementName}',
  'issued.body':
    '{issuerName} 已頒發證書「{achievementName}」給您。\n\n在此頁面查看、分享或下載：\n{credentialUrl}\n\n任何人都可以透過此網址或掃描本郵件中的 QR 碼查驗這份證書。',
  'reminder.subject': '您的證書將於 {validUntil} 到期：{achievementName}',
  'reminder.body':
    '{issuerName} 頒發的證書「{achievementName}」有效期至 {validUntil}。\n\n如需在此之後繼續有效，請向 {issuerName} 詢問更新事宜。\n\n{credentialUrl}',
  'wallet.body':
    '您可從以下頁面將證書加入數位錢包（Learner Credential Wallet 或歐盟錢包）。此頁面僅供您本人使用，請勿分享。可於 {claimExpires} 前領取一次：\n{claimUrl}',
  'qr.alt': '證書頁面的 QR 碼',
  'preview.achievement': '數位技能（範例）',
  footer: '由於 {issuerName} 向此地址頒發了證書，您會收到這封郵件。',
  'invitation.subject': '邀請您加入 {issuer} 的發證者主控台',
  'invitation.body':
    '{issuer} 邀請您以{role}身分加入發證者主控台。\n\n請透過以下連結設定密碼以建立帳號；連結只能使用一次，有效至 {date}：\n{url}\n\n如果您沒有預期收到此郵件，請忽略它：不使用連結就不會建立任何帳號。',
  'invitation.footer': '由於 {issuer} 的工作人員邀請了此地址，您會收到這封郵件。',
  'role.owner': '擁有者（除頒發外，亦管理人員、金鑰與 Webhook）',
  'role.issuer': '發證者（頒發與變更證書）',
  'role.viewer': '檢視者（僅能檢視）',
};

const TEXTS: Record<Language, MailTexts> = { en, ja, 'zh-TW': zhTW };

export type MailTextKey = keyof MailTexts;

/** The text in the language with its `{name}` values filled in. */
export function mailText(
  language: Language,
  key: MailTextKey,
  values: Record<string, string>,
): string {
  return TEXTS[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * The language we write closest to a BCP 47 tag: its own, Japanese for any ja, Traditional
 * Chinese (the only Chinese we have) for any zh, else English.
 */
export function mailLanguage(tag: string | undefined): Language {
  const primary = tag?.toLowerCase().split('-')[0];
  if (primary === 'ja') return 'ja';
  if (primary === 'zh') return 'zh-TW';
  return DEFAULT_LANGUAGE;
}

/** A date as people of the language write it, in UTC (the zone credentials state dates in). */
export function mailDate(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(iso),
  );
}

/** An instant as people of the language write it, in UTC, saying so. */
export function mailDateTime(iso: string, language: Language): string {
  const written = new Intl.DateTimeFormat(language, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(iso));
  return `${written} UTC`;
}
