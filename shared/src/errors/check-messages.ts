import type { Message } from "./catalogue.ts";

/**
 * Texts of the settings checks (`Check.message`, and `Check.fix` from the `_FIX` twin). A kintone
 * administrator reads them inside the plug-in screen, so each names the screen and the button, in
 * kintone's own UI words for that language; "アプリを更新" matters because nothing changed in app
 * settings takes effect before it.
 */
export const checkMessages = {
  CHECK_OK: { ja: "問題は見つかりませんでした。", en: "No problems found." },
  CHECK_ORIGIN_NOT_ALLOWED: {
    ja: "「{url}」は kintone の接続先として許可されていません。",
    en: '"{url}" is not an allowed kintone address.',
  },
  CHECK_ORIGIN_NOT_ALLOWED_FIX: {
    ja: "kintone の URL は設定画面を開いているページから取られます。https://（サブドメイン）.cybozu.com 以外の URL で kintone を使っている場合は、バックエンドの運用者に KINTONE_ALLOWED_ORIGINS への追加を依頼してください。",
    en: "The kintone address is taken from the page the settings screen is open on. If your kintone is not at https://<subdomain>.cybozu.com, ask the backend operator to add its address to KINTONE_ALLOWED_ORIGINS.",
  },
  CHECK_KINTONE_REDIRECT: {
    ja: "kintone の URL「{url}」への API リクエストに、別の URL への転送（リダイレクト）が返されました。API トークンを転送先に渡さないよう、バックエンドは転送に従わず、確認を中止しました。",
    en: 'An API request to the kintone address "{url}" was answered with a redirect to another address. So that the API tokens never go anywhere else, the backend does not follow redirects and stopped the check.',
  },
  CHECK_KINTONE_REDIRECT_FIX: {
    ja: "kintone の REST API は転送を返しません。この URL と kintone の間にあるプロキシーや転送の設定が原因と考えられます。表示された URL をバックエンドの運用者に伝えて、確認を依頼してください。",
    en: "kintone's REST API never redirects, so a proxy or a forwarding setting between this address and kintone is the likely cause. Give the address shown to the backend operator and ask them to look into it.",
  },
  CHECK_TOKEN_INVALID: {
    ja: "アプリ（ID: {appId}）の API トークンを kintone が受け付けませんでした。トークンが違うか、まだ有効になっていません。",
    en: "kintone refused the API token for app {appId}: the token is wrong, or not active yet.",
  },
  CHECK_TOKEN_INVALID_FIX: {
    ja: "アプリの設定 > APIトークン でトークンを確認し（必要なら生成し直して）貼り付けてください。生成・変更したトークンは「保存」のあと「アプリを更新」を押すまで使えません。",
    en: 'In App Settings > API Token, copy the token (or generate a new one) and paste it here. A new or changed token works only after you click Save and then "Update App".',
  },
  CHECK_TOKEN_REQUIRED: {
    ja: "アプリ（ID: {appId}）の API トークンが入力されていません。保存済みのトークンは、保存したときと同じ kintone の同じアプリでしか使わないため、kintone の URL やアプリを変えたときは入力が必要です。",
    en: "No API token was entered for app {appId}. A saved token is used only with the kintone and the app it was saved for, so a token is needed whenever the kintone address or the app changes.",
  },
  CHECK_TOKEN_REQUIRED_FIX: {
    ja: "アプリの設定 > APIトークン でこのアプリのトークンをコピーし、API トークンを入力し直してください。",
    en: "In App Settings > API Token, copy this app's token and enter the API token again.",
  },
  CHECK_TOKEN_PERMISSION_MISSING: {
    ja: "アプリ（ID: {appId}）の API トークンに「{permission}」の権限がありません。",
    en: 'The API token for app {appId} does not have the "{permission}" permission.',
  },
  CHECK_TOKEN_PERMISSION_MISSING_FIX: {
    ja: "アプリの設定 > APIトークン で、このトークンの「{permission}」にチェックを入れて「保存」し、「アプリを更新」を押してください。",
    en: 'In App Settings > API Token, tick "{permission}" for this token, click Save, then click "Update App".',
  },
  CHECK_TOKEN_PERMISSION_UNVERIFIABLE: {
    ja: "アプリ（ID: {appId}）の API トークンに「{permission}」の権限があるかどうかは、kintone の応答からは確かめられませんでした。",
    en: 'kintone\'s answer did not tell whether the API token for app {appId} has the "{permission}" permission.',
  },
  CHECK_TOKEN_PERMISSION_UNVERIFIABLE_FIX: {
    ja: "アプリの設定 > APIトークン で「{permission}」にチェックが入っていることを確かめてください。入っていれば、対処は不要です。足りない場合は、その権限を使う最初の処理が失敗してエラーとして表示されます。",
    en: 'In App Settings > API Token, make sure "{permission}" is ticked; if it is, nothing needs to be done. If it is not, the first operation that needs it will fail and be shown as an error.',
  },
  CHECK_APP_NOT_FOUND: {
    ja: "アプリ（ID: {appId}）が見つかりません。削除されたか、ID が違います。",
    en: "App {appId} was not found: it was deleted, or the ID is wrong.",
  },
  CHECK_APP_NOT_FOUND_FIX: {
    ja: "アプリを開いたときの URL（…/k/番号/）の番号を確かめて、アプリを選び直してください。",
    en: "Check the number in the app's address (.../k/<number>/) and choose the app again.",
  },
  CHECK_FIELD_MISSING: {
    ja: "アプリ（ID: {appId}）にフィールドコード「{code}」のフィールドがありません。削除されたか、フィールドコードが変わっています。",
    en: 'App {appId} has no field with the code "{code}": it was deleted, or its field code changed.',
  },
  CHECK_FIELD_MISSING_FIX: {
    ja: "この項目に別のフィールドを選び直してください。",
    en: "Choose another field for this item.",
  },
  CHECK_FIELD_TYPE: {
    ja: "フィールド「{code}」の種類は「{actual}」です。この項目には「{expected}」のフィールドが必要です。",
    en: 'The field "{code}" is of type "{actual}"; this item needs a field of type "{expected}".',
  },
  CHECK_FIELD_TYPE_FIX: {
    ja: "「{expected}」のフィールドを選ぶか、アプリの設定 > フォーム で追加して「アプリを更新」を押してください。",
    en: 'Choose a field of type "{expected}", or add one in App Settings > Form and click "Update App".',
  },
  CHECK_NAME_NOT_UNIQUE: {
    ja: "顧客名のフィールド「{code}」で「値の重複を禁止する」がオンになっていません。同じ名前の顧客レコードが重複して作られるおそれがあります。",
    en: 'The customer name field "{code}" does not have "Prohibit duplicate values" turned on, so duplicate customer records can be created.',
  },
  CHECK_NAME_NOT_UNIQUE_FIX: {
    ja: "アプリの設定 > フォーム で「{code}」フィールドの設定を開き、「値の重複を禁止する」にチェックを入れて保存し、「アプリを更新」を押してください。",
    en: 'In App Settings > Form, open the settings of the "{code}" field, tick "Prohibit duplicate values", save, then click "Update App".',
  },
  CHECK_NAME_PARTS_NOT_UNIQUE: {
    ja: "氏名を姓「{lastName}」と名「{firstName}」の 2 つのフィールドから取ります。kintone の「値の重複を禁止する」は 1 つのフィールドにしか働かないため、同じ姓と名の顧客レコードが 2 件目に作られても kintone は拒否しません。そこでこの連携が、正規化した「姓 名」と会社名で顧客を照合します。顧客の自動登録は、その氏名の顧客がいないときだけレコードを追加し（氏名の最初の空白より前を姓に、後を名に入れます。空白がなければすべて姓に入れます）、同じ人のレコードが 2 件以上あるときは推測せず「要確認」として書き込みを保留します。",
    en: 'The name is taken from two fields, last name "{lastName}" and first name "{firstName}". "Prohibit duplicate values" works on one field only, so kintone does not refuse a second customer record with the same last and first name. This integration therefore matches customers itself, by the normalized "last first" name and the company: automatic registration adds a record only when no customer with that name exists (the part before the first space goes to the last name, the rest to the first name; a name without a space goes entirely to the last name), and when two or more records hold the same person it does not guess: the minutes wait as "needs review".',
  },
  CHECK_NAME_PARTS_NOT_UNIQUE_FIX: {
    ja: "対処は不要です。kintone 側でも重複を防ぎたい場合は、氏名を 1 つのフィールドで管理し、「値の重複を禁止する」をオンにしたそのフィールドを「氏名」に選んでください。「要確認」の議事録は、CRM候補検索で正しい顧客を連携すると書き込まれます。",
    en: 'Nothing to do. For kintone to refuse duplicates too, keep the name in one field with "Prohibit duplicate values" turned on and choose it as Name. Minutes waiting for review are written once the right customer is linked through the CRM candidate search.',
  },
  CHECK_COMPANY_NOT_SINGLE_LINE: {
    ja: "会社名のフィールド「{code}」が文字列（1行）ではありません（{actual}）。",
    en: 'The company field "{code}" is not a single-line Text field ({actual}).',
  },
  CHECK_COMPANY_NOT_SINGLE_LINE_FIX: {
    ja: "文字列（1行）のフィールドを会社名に選ぶか、アプリの設定 > フォーム で追加して「アプリを更新」を押してください。",
    en: 'Choose a single-line Text field for the company, or add one in App Settings > Form and click "Update App".',
  },
  CHECK_NOT_LOOKUP: {
    ja: "フィールド「{code}」はルックアップではありません。",
    en: 'The field "{code}" is not a Lookup field.',
  },
  CHECK_NOT_LOOKUP_FIX: {
    ja: "顧客管理アプリ（ID: {appId}）を参照するルックアップを選ぶか、活動履歴アプリに追加して「アプリを更新」を押してください。",
    en: 'Choose a Lookup field that points at the customer app (ID: {appId}), or add one to the activity app and click "Update App".',
  },
  CHECK_LOOKUP_SOURCE: {
    ja: "ルックアップ「{code}」の関連付けるアプリが顧客管理アプリ（ID: {appId}）ではなく、アプリ（ID: {actualAppId}）になっています。",
    en: 'The Lookup "{code}" points at app {actualAppId}, not at the customer app (ID: {appId}).',
  },
  CHECK_LOOKUP_SOURCE_FIX: {
    ja: "活動履歴アプリの設定 > フォーム で「{code}」の設定を開き、「関連付けるアプリ」に顧客管理アプリ（ID: {appId}）を選んで保存し、「アプリを更新」を押してください。",
    en: 'In the activity app\'s App Settings > Form, open "{code}", set "Datasource App" to the customer app (ID: {appId}), save, then click "Update App".',
  },
  CHECK_LOOKUP_KEY: {
    ja: "ルックアップ「{code}」のコピー元のフィールドが「{key}」です。顧客管理アプリのレコード番号「{expected}」で関連付ける必要があります。",
    en: 'The Lookup "{code}" uses "{key}" as its Key Field; it must use the customer app\'s record number "{expected}".',
  },
  CHECK_LOOKUP_KEY_FIX: {
    ja: "活動履歴アプリの設定 > フォーム で「{code}」の設定を開き、「コピー元のフィールド」に「{expected}」を選んで保存し、「アプリを更新」を押してください。",
    en: 'In the activity app\'s App Settings > Form, open "{code}", set "Key Field" to "{expected}", save, then click "Update App".',
  },
  CHECK_REQUIRED_UNMAPPED: {
    ja: "アプリ（ID: {appId}）の必須フィールド「{code}」にはこの連携が値を入れないため、kintone がすべての書き込みを拒否します。",
    en: 'App {appId} requires the field "{code}", which this integration does not fill, so kintone would refuse every write.',
  },
  CHECK_REQUIRED_UNMAPPED_FIX: {
    ja: "「{code}」をいずれかの項目に選ぶか、アプリの設定 > フォーム で「{code}」の「必須項目にする」のチェックを外して保存し、「アプリを更新」を押してください。",
    en: 'Map "{code}" to an item, or in App Settings > Form untick "Required field" for "{code}", save, then click "Update App".',
  },
  CHECK_EVENT_ID_UNMAPPED: {
    ja: "イベントIDのフィールドが選ばれていません。議事録の二重書き込みは、バックエンドの記録と、書き込んだ内容（Front Agentリンク・件名・議事録）での照合で防ぎます。",
    en: "No event ID field is chosen. Double writes of minutes are then prevented by the backend's own record and a look-up by what was written (the Front Agent link, the title and the minutes).",
  },
  CHECK_EVENT_ID_UNMAPPED_FIX: {
    ja: "活動履歴アプリに文字列（1行）フィールドを作って「値の重複を禁止する」をオンにし、「イベントID」に選ぶと、kintone 側でも二重書き込みを防げます（アプリを更新してから選んでください）。",
    en: 'Add a single-line text field with "Prohibit duplicate values" to the activity app and choose it as the event ID: kintone then refuses double writes too (update the app before choosing it).',
  },
  CHECK_EVENT_ID_NOT_UNIQUE: {
    ja: "イベントIDのフィールド「{code}」で「値の重複を禁止する」がオンになっていません。二重書き込みの防止はバックエンドの記録だけで行います。",
    en: 'The event ID field "{code}" does not have "Prohibit duplicate values" turned on. Double writes are then prevented by the backend\'s own record only.',
  },
  CHECK_EVENT_ID_NOT_UNIQUE_FIX: {
    ja: "アプリの設定 > フォーム で「{code}」フィールドの設定を開き、「値の重複を禁止する」にチェックを入れて保存し、「アプリを更新」を押してください。",
    en: 'In App Settings > Form, open the settings of the "{code}" field, tick "Prohibit duplicate values", save, then click "Update App".',
  },
  CHECK_LOOKUP_COPY_TARGET: {
    ja: "「{code}」はルックアップ「{lookup}」のコピー先です。「商談内容の顧客連携」が「なし」のときはこの欄に会社名・顧客名を書き込みますが、kintone はルックアップのコピー先への書き込みを無視するため、値が保存されません。",
    en: '"{code}" is a copy target of the lookup "{lookup}". With "Link minutes to customers" off the company or name is written to it, but kintone ignores writes to a lookup\'s copy targets, so the value would be lost.',
  },
  CHECK_LOOKUP_COPY_TARGET_FIX: {
    ja: "「商談内容の顧客連携」を「あり」にしてルックアップ「{lookup}」を使うか、ルックアップのコピー先ではない文字列（1行）フィールドを「{code}」の代わりに選んでください。",
    en: 'Turn "Link minutes to customers" on and use the lookup "{lookup}", or choose a single-line text field that no lookup copies into instead of "{code}".',
  },
  CHECK_DAILY_USE: {
    ja: "アプリ（ID: {appId}）への今日のAPIリクエスト（この連携の分）: {used} 件（1日の上限 {limit} 件のうち {share} 件までを使います）。",
    en: "Today's API requests to app {appId} by this integration: {used} (it uses up to {share} of the daily limit of {limit}).",
  },
  CHECK_DAILY_USE_FIX: {
    ja: "対処は不要です。上限に近づくと、この連携は処理を翌日に回します。",
    en: "Nothing to do. Near the limit this integration moves its work to the next day.",
  },
  CHECK_DAILY_USE_HIGH: {
    ja: "アプリ（ID: {appId}）への今日のAPIリクエスト（この連携の分）が {used} 件になりました。{share} 件に達すると、取り込みと議事録の書き込みは翌日（午前9時）まで待ちます。",
    en: "This integration has made {used} API requests to app {appId} today. At {share}, imports and minutes writes wait until the next day (09:00 JST).",
  },
  CHECK_DAILY_USE_HIGH_FIX: {
    ja: "待たせたくない場合は、kintone の上限が大きいコース（ワイドコース）で、バックエンドの運用者に KINTONE_DAILY_LIMIT の変更を依頼してください。待った分は翌日に失われずに処理されます。",
    en: "Nothing is lost: the waiting work runs the next day. If your kintone has a higher limit (Wide Course), ask the backend operator to set KINTONE_DAILY_LIMIT.",
  },
  CHECK_INITIAL_MAX_RECORDS_OVER_CEILING: {
    ja: "初回取り込みの最大件数（{value} 件）が、このバックエンドで指定できる上限（{max} 件）を超えています。これより多く取り込むには、バックエンドの運用者に MAX_INITIAL_RECORDS を上げるよう依頼してください。",
    en: "The first import's maximum ({value} records) is above the most this backend allows ({max}). To import more, ask the backend operator to raise MAX_INITIAL_RECORDS.",
  },
  CHECK_INITIAL_MAX_RECORDS_OVER_CEILING_FIX: {
    ja: "{max} 件以下にして保存してください。初回取り込みに入らなかったレコードは、全件同期（既定では7日ごと）で取り込まれます。",
    en: "Enter {max} or fewer and save. Records the first import leaves out are imported by the full sync (every 7 days by default).",
  },
  CHECK_GUEST_SPACE: {
    ja: "アプリ（ID: {appId}）はゲストスペースにあります。ゲストスペースのアプリはこの連携では使えません。",
    en: "App {appId} is in a guest space. Apps in guest spaces cannot be used with this integration.",
  },
  CHECK_GUEST_SPACE_FIX: {
    ja: "ゲストスペースの外にあるアプリを選んでください。",
    en: "Choose an app outside guest spaces.",
  },
} as const satisfies Record<string, Message>;
