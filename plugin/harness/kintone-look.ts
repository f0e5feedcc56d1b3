/**
 * The harness pages' own CSS, in kintone's look (not Cybozu's stylesheets): its sans-serif font stack, a
 * white global header, the app's title bar, a toolbar holding the header menu space, record fields as
 * label/value blocks in form rows, and a list with a detail icon per row. Colours as plugin/static/css/
 * config.css: the blue accent #3498db, borders #e3e7e8, muted text #888. Plug-in CSS is loaded after it, as
 * kintone loads plug-in CSS after its own.
 */
export const KINTONE_LOOK_CSS = `
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: #333; background: #fff; font-size: 14px; line-height: 1.5;
  font-family: "メイリオ", Meiryo, "Hiragino Kaku Gothic ProN", "Hiragino Sans", "Noto Sans JP", "Noto Sans CJK JP", sans-serif; }
body:lang(en) { font-family: "Helvetica Neue", Helvetica, Arial, "Noto Sans", sans-serif; }
a { color: #3498db; text-decoration: none; }
a:hover { text-decoration: underline; }
*, *::before, *::after { box-sizing: border-box; }

.k-global { display: flex; align-items: center; height: 48px; padding: 0 24px; background: #fff;
  border-bottom: 1px solid #e3e7e8; box-shadow: 0 1px 2px rgba(0, 0, 0, 0.04); }
.k-logo { font-size: 18px; font-weight: bold; letter-spacing: 0.02em; color: #333; }
.k-logo::before { content: ""; display: inline-block; width: 14px; height: 14px; margin-right: 6px;
  border-radius: 50%; background: #fcb900; vertical-align: -1px; }
.k-global-user { margin-left: auto; color: #888; font-size: 13px; }

.k-appbar { padding: 12px 24px 10px; background: #f7f9fa; border-bottom: 1px solid #e3e7e8; }
.k-breadcrumb { margin: 0; font-size: 12px; color: #888; }
.k-breadcrumb a { color: #888; }
.k-appbar h1 { margin: 2px 0 0; font-size: 20px; font-weight: bold; }

.k-toolbar { display: flex; align-items: center; min-height: 48px; padding: 0 24px; gap: 16px;
  background: #fff; border-bottom: 1px solid #e3e7e8; }
.k-toolbar-title { font-weight: bold; }
.k-toolbar #record-header-menu, .k-toolbar #list-header-menu { display: inline-flex; align-items: center; }
.k-meta { margin-left: auto; color: #888; font-size: 12px; text-align: right; }
.k-meta span + span { margin-left: 12px; }

#record { padding: 16px 24px 40px; }
.record-fields { display: flex; flex-direction: column; gap: 4px; }
.k-row { display: flex; flex-wrap: wrap; gap: 0 16px; }
.k-field { width: var(--w, 193px); min-width: 200px; padding: 8px 0; }
.k-field-multi_line_text, .k-field-rich_text { width: max(var(--w, 193px), 480px); }
.k-field-label { margin-bottom: 4px; color: #888; font-size: 12px; font-weight: bold; }
.k-field-value { min-height: 30px; padding: 4px 8px; border-bottom: 1px solid #e3e7e8;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.k-label-item { width: var(--w, 193px); padding: 8px 0; }
.k-spacer { width: var(--w, 193px); }
.k-hr { width: 100%; border: 0; border-top: 1px solid #e3e7e8; }
.k-group { margin: 8px 0; padding: 8px 12px; border: 1px solid #e3e7e8; }
.k-group-label { font-weight: bold; }
.k-subtable { width: auto; }

.k-list-wrap { padding: 16px 24px 40px; overflow-x: auto; }
.k-list { border-collapse: collapse; font-size: 13px; }
.k-list th { padding: 8px 12px; background: #f7f9fa; border-bottom: 2px solid #e3e7e8; color: #555;
  font-weight: bold; text-align: left; white-space: nowrap; }
.k-list td { padding: 8px 12px; border-bottom: 1px solid #e3e7e8; vertical-align: top; }
.k-list tbody tr:hover td { background: #eef6fc; }
.k-list .k-detail { width: 40px; padding: 8px 6px 8px 12px; }
.k-list .k-detail a { display: inline-flex; padding: 2px; }
.k-cell { max-width: 320px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.k-cell-multi_line_text .k-cell { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3;
  min-width: 240px; white-space: pre-wrap; overflow-wrap: break-word; }
.k-empty { padding: 24px; color: #888; }

/* kintone mobile: one column the width of a phone; on a wide screen, a phone-shaped column in the middle. */
body.k-mobile { background: #e9edf0; font-size: 16px; }
.m-phone { max-width: 430px; min-height: 100vh; margin: 0 auto; background: #f5f6f7;
  box-shadow: 0 0 0 1px #e3e7e8; }
.m-bar { position: sticky; top: 0; z-index: 1; display: flex; align-items: center; height: 52px;
  background: #fff; border-bottom: 1px solid #e3e7e8; }
.m-back { display: inline-flex; align-items: center; justify-content: center; width: 52px; height: 52px;
  color: #3498db; font-size: 28px; line-height: 1; }
.m-back:hover { text-decoration: none; }
.m-title { flex: 1; min-width: 0; padding-right: 52px; overflow: hidden; font-size: 16px; font-weight: bold;
  text-align: center; text-overflow: ellipsis; white-space: nowrap; }
.m-subtitle { padding: 10px 16px; color: #888; font-size: 13px; }
.m-header-space { background: #fff; border-top: 1px solid #e3e7e8; }
.m-header-space:empty { display: none; }
.k-mobile #record { padding: 0 0 32px; }
.k-mobile .record-fields { gap: 0; background: #fff; border-top: 1px solid #e3e7e8; }
.k-mobile .k-row { display: block; }
.k-mobile .k-field { width: auto; min-width: 0; padding: 10px 16px; border-bottom: 1px solid #e3e7e8; }
.k-mobile .k-field-value { min-height: 0; padding: 2px 0 0; border: 0; }
.m-list { margin: 0; padding: 0; list-style: none; background: #fff; }
.m-list a { display: block; min-height: 56px; padding: 10px 16px; border-bottom: 1px solid #e3e7e8; color: #333; }
.m-list a:hover { text-decoration: none; background: #eef6fc; }
.m-list .m-list-sub { display: block; color: #888; font-size: 13px; }
`;
