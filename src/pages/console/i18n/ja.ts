import { metricsJa } from './metricsJa.js';
import { recordsJa } from './recordsJa.js';
import { settingsJa } from './settingsJa.js';
import type { ConsoleMessages } from './consoleKeys.js';

// 発行者コンソールの日本語。キーは en.ts と同じ。
export const consoleJa: ConsoleMessages = {
  ...settingsJa,
  'console.name': '発行者コンソール',
  'console.languages': '言語',
  'console.sections': 'コンソールのメニュー',
  'console.skip': '本文へ移動',
  'console.footer': 'ここでの操作はすべて API でも行えます（/openapi.json）。',
  'console.signedInAs': '{email} · {issuer} の{role}',
  'console.signOut': 'サインアウト',

  'nav.home': 'ホーム',
  'nav.award': '授与',
  'nav.bulk': '一括授与',
  'nav.credentials': '資格証明',

  'role.owner': 'オーナー',
  'role.issuer': '発行担当',
  'role.viewer': '閲覧者',
  'role.owner.explain': 'オーナーは発行担当のできることすべてに加え、スタッフを管理できます。',
  'role.issuer.explain':
    '発行担当は資格証明を1件ずつまたは一括で授与し、取り消し・一時停止・再開ができます。',
  'role.viewer.explain': '閲覧者は資格証明と一括授与を見られますが、何も変更できません。',

  'signIn.title': 'サインイン',
  'signIn.intro': '発行者のスタッフは、招待されたメールアドレスでサインインします。',
  'signIn.submit': 'サインイン',
  'signIn.wrong': 'メールアドレスまたはパスワードが正しくありません。',
  'signIn.signedOut': 'サインアウトしました。',
  'signIn.signedOutEverywhere': 'すべての端末でサインアウトしました。',
  'signIn.sessionEnded':
    'サインインの有効期間が終わりました。続けるには再度サインインしてください。',

  'field.email': 'メールアドレス',
  'field.password': 'パスワード',
  'field.newPassword': '新しいパスワード',
  'field.confirmPassword': '同じパスワードをもう一度',

  'invitation.title': '{issuer} に参加',
  'invitation.intro':
    '{issuer} のコンソールに{role}として招待されています（アドレス: {email}）。パスワードを決めてアカウントを作成してください。',
  'invitation.expires': 'この招待は {date} まで、1回だけ使えます。',
  'invitation.passwordHint':
    '{min} 文字以上。覚えやすい単語をいくつか並べると良いパスワードになります。',
  'invitation.submit': 'アカウントを作成してサインイン',
  'invitation.mismatch': '2つのパスワードが一致しません。',
  'invitation.tooShort': 'パスワードは {min} 文字以上にしてください。',

  'limited.title': 'サインインの試行が多すぎます',
  'limited.body': '約 {minutes} 分待ってから、もう一度お試しください（{time} 以降）。',
  'limited.why':
    'パスワードを推測されないよう、サインインはアカウントごと・ネットワークアドレスごとに回数を制限しています。',

  'form.problems': '次の点を確認してください',
  'form.choose': 'いずれかを選んでください',
  'form.reasonLength': '{max} 文字以内で入力してください',

  'error.forbidden.title': '許可されていません',
  'error.forbidden.body':
    'あなたの役割（{role}）では {issuer} でこの操作はできません。必要ならオーナーに依頼してください。',
  'error.csrf.title': 'このフォームは受け付けられません',
  'error.csrf.body':
    'フォームがこのコンソールのページから送信されていないか、ページが古すぎます。戻ってページを再読み込みし、もう一度送信してください。',
  'error.notFound.title': '見つかりません',
  'error.notFound.body': 'ここには何もないか、別の発行者のものです。',
  'error.refused.title': 'うまくいきませんでした',
  'error.refused.body': 'サービスがリクエストを受け付けませんでした:',
  'error.home': 'コンソールのホームへ戻る',

  'home.batch': '{date} の一括授与',
  'home.running': '実行中の一括授与',
  'home.noneRunning': '実行中の一括授与はありません。',
  'home.finished': '最近完了したもの',
  'home.recent': '最近の資格証明',
  'home.noCredentials': 'まだ何も発行されていません。',
  'home.allCredentials': 'すべての資格証明',
  'home.account': 'あなたのサインイン',
  'home.everywhereHint':
    '携帯電話をなくした、または共用のパソコンでサインインした場合は、この端末を含むすべての端末でサインインを終了できます。',
  'home.everywhere': 'すべての端末でサインアウト',

  'credentials.name': '資格証明',
  'credentials.issued': '発行日',
  'credentials.state': '状態',
  'credentials.actions': '操作',
  'credentials.tier': '上位資格',
  'credentials.change': '状態を変更',
  'credentials.changed': '{name} は「{state}」になりました。',

  'state.active': '有効',
  'state.suspended': '一時停止中',
  'state.revoked': '取り消し済み',
  'state.expired': '期限切れ',

  'column.recipient': '受領者のメールアドレス',
  'column.achievement': '達成項目',
  'column.evidence_name': 'エビデンスの題名',
  'column.evidence_narrative': '学習者が行ったこと',
  'column.evidence_url': 'エビデンスのリンク',
  'column.result': '結果',
  'column.lang': '資格証明の言語',
  'column.valid_until': '有効期限',
  'column.row': '行',
  'column.file': 'ファイル',

  'award.title': '資格証明を授与する',
  'award.noAchievements': 'この発行者には授与できる達成項目がカタログにありません。',
  'award.recipientHint': '資格証明はこのアドレスのハッシュで学習者を示します。',
  'award.evidence': 'エビデンス（任意）',
  'award.resultHint': '任意。達成項目が定めていれば、点数や評価など。',
  'award.submit': '資格証明を発行',
  'award.done': '資格証明を発行しました',
  'award.open': '資格証明のページを開く',
  'award.stacked': '上位資格が揃ったため、次も発行しました',
  'award.another': '続けて授与する',

  'bulk.intro':
    'CSV ファイルをアップロードするか、行を貼り付けてください。まずすべての行を確認し、確定するまで何も発行しません。',
  'bulk.template': 'テンプレート CSV をダウンロード',
  'bulk.upload': 'CSV',
  'bulk.file': 'CSV ファイル',
  'bulk.paste': 'または CSV をここに貼り付け',
  'bulk.pasteHint':
    '1行目は列名（{columns}）。',
  'bulk.check': '行を確認',
  'bulk.keys': '授与できる達成項目',
  'bulk.key': 'achievement 列の値',
  'bulk.badCell': '要修正',
  'bulk.ready': '準備完了',
  'bulk.checked': '確認結果',
  'bulk.summary': '{total} 行中 {valid} 行が準備完了、{invalid} 行は修正が必要です。',
  'bulk.verdict': '判定',
  'bulk.confirmWithBad':
    '準備完了の {valid} 行を今すぐ発行しますか？ 残りの {invalid} 行は発行されず、結果に失敗として記載されます。',
  'bulk.confirmAll': '{valid} 行すべてを今すぐ発行しますか？',
  'bulk.confirm': '{valid} 件の資格証明を発行',
  'bulk.fix': '行を修正してもう一度確認',
  'bulk.running': '一括授与を実行中',
  'bulk.completed': '一括授与が完了しました',
  'bulk.started': '開始: {date}',
  'bulk.percent': '{percent} % 完了',
  'bulk.counts': '{total} 行中 発行 {done}、失敗 {failed}',
  'bulk.refreshing': '完了するまで、このページは数秒ごとに自動で更新されます。',
  'bulk.results': '結果をダウンロード（CSV）',
  'bulk.outcome': '結果',
  'bulk.row.issued': '発行済み: 開く',
  'bulk.row.failed': '失敗',
  'bulk.row.pending': '待機中',
  'bulk.row.issuing': '発行中',

  'status.title': '{name} の状態を変更',
  'status.page': '公開ページ',
  'status.final': '取り消し済みまたは期限切れの資格証明は状態を変更できません。',
  'status.action': '操作',
  'status.revoke': '取り消す',
  'status.suspend': '一時停止する',
  'status.reinstate': '再開する',
  'status.revoke.explain': '永久に: この資格証明は二度と検証に通りません。',
  'status.suspend.explain': '一時的に: 再開するまで検証に通りません。',
  'status.reinstate.explain': '一時停止を終え、再び検証に通るようにします。',
  'status.reason': '理由',
  'status.reasonHint': '資格証明を確認する人すべてに表示されます。その人に向けて書いてください。',
  'status.submit': '状態を変更',
  ...recordsJa,
  ...metricsJa,
};
