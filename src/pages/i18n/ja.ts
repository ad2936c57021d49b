import type { Messages } from './messages.js';

// Japanese.
export const ja: Messages = {
  'language.name': '日本語',
  'language.switcher': '言語',
  'site.name': 'スタッカブル・マイクロクレデンシャル',
  'site.verifyLink': '証明書を検証する',
  'site.footer':
    'すべての確認は本サービスがその場で行います。Open Badges 3.0 · W3C 検証可能な資格情報 2.0。',
  'site.skipToContent': '本文へ移動',

  'credential.pageTitle': '{name}：証明書',
  'credential.kind': 'オープンバッジ',
  'credential.issuedBy': '発行者：{issuer}',
  'credential.unnamed': '名前のない証明書',
  'credential.imageAlt': '{name} のバッジ画像',

  'verdict.heading': '検証結果',
  'verdict.verified': '検証済み',
  'verdict.notVerified': '検証に失敗しました',
  'verdict.expired': '有効期限切れ',
  'verdict.revoked': '取り消し済み',
  'verdict.suspended': '一時停止中',
  'verdict.unchecked': '確認を完了できませんでした',
  'verdict.verified.explain':
    '署名は有効で、発行者によって署名されており、以下のすべての確認項目に合格しています。',
  'verdict.notVerified.explain':
    '合格しなかった確認項目があるため、この証明書の表示内容は信頼できません。該当する項目を下に示します。',
  'verdict.expired.explain': 'この証明書は本物ですが、{date} に有効期限が切れています。',
  'verdict.revoked.explain': '発行者がこの証明書を取り消しました。',
  'verdict.suspended.explain': '発行者がこの証明書を一時停止しています。',
  'verdict.unchecked.explain':
    '{what}を取得できなかったため、この証明書の一部を確認できませんでした。問題は見つかっていません。{where}に接続できるようになってから、もう一度お試しください。',
  'verdict.unchecked.explainWithFailure':
    '{what}を取得できなかったため、この証明書の一部を確認できませんでした。また、下の確認項目には不合格のものがあります。{where}に接続できるようになってから、もう一度お試しください。',
  'verdict.presentation.verified.explain':
    'プレゼンテーションと、そこに含まれるすべての証明書が、該当するすべての確認項目に合格しています。',
  'verdict.presentation.notVerified.explain':
    'プレゼンテーションまたは含まれる証明書に合格しなかった確認項目があるため、表示内容は信頼できません。該当する項目を下に示します。',
  'verdict.presentation.unchecked.explain':
    '{what}を取得できなかったため、このプレゼンテーションの一部を確認できませんでした。問題は見つかっていません。{where}に接続できるようになってから、もう一度お試しください。',
  'unavailable.issuerKey': '発行者の鍵',
  'unavailable.statusList': '発行者のステータスリスト',
  'unavailable.holderKey': '保有者の鍵',
  'unavailable.other': '参照先の文書',
  'unavailable.where.issuer': '発行者のサーバー',
  'unavailable.where.holder': '保有者のサーバー',
  'unavailable.where.both': '各サーバー',
  'list.separator': '、',
  'list.pair': '{first}と{last}',
  'verdict.checkedAt': '確認日時：{time}。',

  'section.description': '説明',
  'section.criteria': '取得条件',
  'section.recipient': '授与先',
  'section.dates': '有効期間',
  'section.issuer': '発行者',
  'section.evidence': 'エビデンス',
  'section.checks': '確認項目',
  'section.status': 'ステータス',
  'section.constituents': '構成する証明書',
  'section.share': '共有',
  'section.downloads': 'ダウンロード',

  'criteria.link': '取得条件の詳細',

  'recipient.did': '次の DID の保有者：',
  'recipient.hashedEmail': 'メールアドレス（ハッシュ化）',
  'recipient.hashedEmail.note':
    '証明書にはアドレスのソルト付きハッシュ値だけが含まれています。アドレスを知っている人は一致を確認できますが、このページではアドレスを表示しません。',
  'recipient.identifier': '{type}：',
  'recipient.hashedIdentifier': '{type}（ハッシュ化）',
  'recipient.unnamed': 'この証明書には授与先が記載されていません。',

  'dates.validFrom': '有効開始日',
  'dates.validUntil': '有効期限',
  'dates.noEnd': '期限なし',
  'dates.unknown': '記載なし',

  'issuer.name': '名称',
  'issuer.website': 'ウェブサイト',
  'issuer.identifier': '識別子（DID）',

  'evidence.untitled': 'エビデンス {number}',
  'evidence.open': 'エビデンスを開く',
  'evidence.none': 'この証明書にはエビデンスが記載されていません。',

  'punctuation.colon': '：',
  'check.outcome.success': '合格',
  'check.outcome.failure': '不合格',
  'check.outcome.skipped': '対象外',
  'check.outcome.unavailable': '確認できず',
  'check.structure': '形式（Open Badges 3.0）',
  'check.proof.signature': '署名',
  'check.issuer.binding': '発行者の鍵',
  'check.dates.validFrom': '有効期間の開始',
  'check.dates.validUntil': '有効期限',
  'check.status.revocation': '取り消しの有無',
  'check.status.suspension': '一時停止の有無',
  'check.stack.constituents': '構成する証明書',
  'check.presentation.structure': '形式（検証可能なプレゼンテーション）',
  'check.presentation.proof': '保有者の署名',
  'check.presentation.holder': '記載された保有者による署名',

  'status.active': '有効',
  'status.suspended': '一時停止中',
  'status.revoked': '取り消し済み',
  'status.expired': '有効期限切れ',
  'status.state': '状態',
  'status.reason': '理由',
  'status.since': '変更日時',

  'constituent.issuedBy': '発行者：{issuer}',

  'share.qrAlt': 'このページのアドレスを含む QR コード',
  'share.qrHelp': 'スマートフォンのカメラで読み取ると、このページが開き、その場で検証されます。',
  'share.linkLabel': 'このページのアドレス',
  'share.copy': 'リンクをコピー',
  'share.copied': 'リンクをコピーしました。',
  'share.linkedIn': 'LinkedIn のプロフィールに追加',

  'download.json': '署名付き証明書（JSON）',
  'download.jwt': '署名付き証明書（JWT）',
  'download.badgePng': '証明書を埋め込んだバッジ画像（PNG）',
  'download.badgeSvg': '証明書を埋め込んだバッジ画像（SVG）',
  'download.qrPng': 'QR コード（PNG）',
  'download.qrSvg': 'QR コード（SVG）',

  'verify.pageTitle': '証明書を検証する',
  'verify.heading': '証明書を検証する',
  'verify.intro':
    '証明書を貼り付けるか、ファイルを選んでください。項目ごとに確認し、それぞれの結果を表示します。',
  'verify.pasteLabel': '証明書：JSON または JWT',
  'verify.pasteHint':
    '最初の { から最後の } までをすべて貼り付けるか、JWT を貼り付けてください。証明書を含む検証可能なプレゼンテーション（JSON）も受け付けます。',
  'verify.fileLabel': 'またはファイル',
  'verify.fileHint':
    '.json ファイル（証明書またはプレゼンテーション）、.jwt ファイル、または証明書を埋め込んだバッジ画像（.png、.svg）。',
  'verify.submit': '検証する',
  'verify.scanHeading': 'QR コードをお持ちですか？',
  'verify.scan':
    'スマートフォンのカメラを QR コードに向けてください。コードには証明書ページのアドレスが入っており、開くとその場で検証されます。専用アプリは不要です。',
  'verify.resultHeading': '結果',
  'verify.summaryHeading': '証明書の内容',
  'verify.presentationHeading': 'プレゼンテーション',
  'verify.presentationHint': '証明書を提示した人と、その人が保有者として署名しているかどうか。',
  'verify.credentialsHeading': 'プレゼンテーションに含まれる証明書',
  'verify.credentialPosition': '証明書 {number}／{total}',
  'verify.credentialVerdict': '証明書 {number} の検証結果',
  'verify.presentationEmpty': 'このプレゼンテーションには証明書が含まれていません。',
  'verify.presentationUnread':
    'プレゼンテーション自体を読み取れなかったため（上の確認項目を参照）、含まれる証明書は確認していません。',
  'verify.errorHeading': '証明書を読み取れませんでした',
  'verify.empty': '証明書を貼り付けるかファイルを選んでから、「検証する」を押してください。',
  'verify.again': '別の証明書を検証する',
};
