import { fieldMessages, kintoneErrors, validation } from "../errors/catalogue.ts";
import type { EmulatedUser } from "../model/domain.ts";
import { type Handler, stringArrayParam } from "./context.ts";

/**
 * GET /v1/users.json (the User API, no `/k` prefix). App API tokens do not authenticate it (facts §1.7);
 * the emulator then answers as to a caller without credentials, 401 CB_AU01.
 */
export const getUsers: Handler = (req) => {
  if (req.principal.kind === "token") throw kintoneErrors.noAuth();
  const ids = stringArrayParam(req, "ids");
  const codes = stringArrayParam(req, "codes");
  if (ids && codes) throw validation({ ids: [fieldMessages.bothIdsAndCodes] });
  const size = req.params.size === undefined ? 100 : Number(req.params.size);
  const offset = req.params.offset === undefined ? 0 : Number(req.params.offset);
  if (!Number.isInteger(size) || size < 1 || size > 100)
    throw validation({ size: [fieldMessages.sizeRange] });
  if (!Number.isInteger(offset) || offset < 0) throw validation({ offset: [fieldMessages.mustBeInteger] });
  const users = [...req.domain.users.values()]
    .filter((u) => !ids || ids.includes(u.id))
    .filter((u) => !codes || codes.includes(u.code))
    .sort((a, b) => Number(a.id) - Number(b.id))
    .slice(offset, offset + size);
  return { users: users.map(userBody) };
};

function userBody(u: EmulatedUser) {
  return {
    id: u.id,
    code: u.code,
    ctime: u.ctime,
    mtime: u.ctime,
    valid: u.valid,
    name: u.name,
    surName: u.surName,
    givenName: u.givenName,
    surNameReading: "",
    givenNameReading: "",
    localName: "",
    localNameLocale: "",
    timezone: u.timezone,
    locale: u.locale,
    description: "",
    phone: "",
    mobilePhone: "",
    extensionNumber: "",
    email: u.email,
    callto: "",
    url: "",
    employeeNumber: "",
    birthDate: null,
    joinDate: null,
    primaryOrganization: null,
    sortOrder: null,
    customItemValues: [],
  };
}
