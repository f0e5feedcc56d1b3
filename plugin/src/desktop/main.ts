// The record-view button ("Front Agentで開く") arrives with the plug-in issue; this entry keeps the build whole.
kintone.events.on("app.record.detail.show", (event: unknown) => event);
