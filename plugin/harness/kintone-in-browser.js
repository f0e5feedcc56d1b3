// The `kintone` global of the harness pages, shaped like kintone's own (the calls the plug-in makes):
// kintone.api goes to the emulator as the logged-in user, plugin.app.proxy to the real backend through
// the harness server, which adds the headers stored with setProxyConfig as kintone's servers do.
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
  window.kintone = {
    $PLUGIN_ID: boot.pluginId,
    getLoginUser: () => boot.loginUser,
    api,
    app: {
      getId: () => boot.appId,
      record: {
        getId: () => boot.recordId,
        getHeaderMenuSpaceElement: () => document.getElementById("record-header-menu"),
      },
    },
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
  // What kintone does once the page's scripts have loaded: on a record page, the record-view event.
  window.addEventListener("load", () => {
    if (boot.recordId !== undefined)
      fire("app.record.detail.show", { recordId: boot.recordId, record: boot.record });
  });
})();
