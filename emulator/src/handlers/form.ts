import type { FormState } from "../model/app.ts";
import { type Handler, type KintoneRequest, requireApp } from "./context.ts";

/**
 * Live form settings need view or add permission; the pre-live (preview) ones need app management
 * (facts §1.5, §5.3). That difference is what lets a client probe a token's "app management" flag.
 */
function formOf(req: KintoneRequest): FormState {
  const preview = req.resource.startsWith("preview/");
  const app = requireApp(req, preview ? { all: ["manage"] } : { any: ["view", "add"] });
  return preview ? app.preview : app.live;
}

export const getFormFields: Handler = (req) => {
  const form = formOf(req);
  return { properties: form.properties, revision: String(form.revision) };
};

export const getFormLayout: Handler = (req) => {
  const form = formOf(req);
  return { layout: form.layout, revision: String(form.revision) };
};
