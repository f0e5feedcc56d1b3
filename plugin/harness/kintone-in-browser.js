// The `kintone` global of the harness pages, shaped like kintone's own (the calls the plug-in makes):
// kintone.api goes to the emulator as the logged-in user, plugin.app.proxy to the real backend through
// the harness server, which adds the headers stored with setProxyConfig as kintone's servers do.
// A desktop page has kintone.app, a mobile page kintone.mobile.app and not kintone.app, so a script that
// reaches for the other screen's API fails here as it would in kintone. LOCAL_TIME_JS (local-time.ts) is
// loaded before this.
(() => {
  const boot = JSON.parse(document.getElementById("kintone-boot").textContent);
  const post = async (path, body) => {
    const res = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return res.json();
  };
  const handlers = {};
  const api = async (path, method, params) => {
    const answer = await post("/__kintone/api", { path, method, params });
    if (answer.status >= 400) throw answer.body;
    return answer.body;
  };
  api.url = (path) => path;
  // kintone's personal settings hold the user's time zone; here it is the browser's unless the boot says.
  const loginUser = {
    ...boot.loginUser,
    timezone: boot.loginUser.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  const recordId = () => boot.recordId ?? null;
  const desktop = {
    app: {
      getId: () => boot.appId,
      getHeaderMenuSpaceElement: () => document.getElementById("list-header-menu"),
      record: {
        getId: recordId,
        getHeaderMenuSpaceElement: () => document.getElementById("record-header-menu"),
      },
    },
  };
  const mobile = {
    mobile: {
      app: {
        getId: () => boot.appId,
        getHeaderSpaceElement: () => document.getElementById("mobile-header-space"),
        record: { getId: recordId },
      },
    },
  };
  window.kintone = {
    $PLUGIN_ID: boot.pluginId,
    getLoginUser: () => loginUser,
    api,
    ...(boot.mobile ? mobile : desktop),
    events: {
      on: (type, handler) => {
        for (const t of Array.isArray(type) ? type : [type]) {
          handlers[t] = [...(handlers[t] ?? []), handler];
        }
      },
    },
    plugin: {
      app: {
        getConfig: () => boot.config,
        setConfig: (config, callback) => {
          post("/__kintone/config", config).then(() => callback?.());
        },
        setProxyConfig: (url, method, headers, data, callback) => {
          post("/__kintone/proxy-config", { url, method, headers, data }).then(() => callback?.());
        },
        proxy: async (pluginId, url, method, headers, data) => {
          const answer = await post("/__kintone/proxy", { pluginId, url, method, headers, data });
          return [answer.body, answer.status, answer.headers];
        },
      },
    },
  };
  const fire = async (type, event) => {
    for (const handler of handlers[type] ?? []) await handler(event);
  };
  // Date-times as kintone shows them: in the user's time zone, in their locale's format.
  document.addEventListener("DOMContentLoaded", () => localTimes(document, loginUser.timezone));
  // What kintone does once the page's scripts have loaded: the page's event (a record shown, a list shown).
  window.addEventListener("load", () => {
    if (boot.event) fire(boot.event.type, { ...boot.event });
  });
})();
