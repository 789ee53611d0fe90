// Works around prisma/orm#27403 (open in Prisma 6.19): `prisma migrate` through
// @prisma/adapter-pg fails with "Column type 'name' could not be deserialized" because the
// adapter has no mapping for the catalog types `name` (OID 19) and `"char"` (OID 18) that the
// schema engine's introspection queries return. Both arrive from node-postgres as plain strings,
// so reporting them as `text` (OID 25) is exact. Only the Prisma CLI process installs this
// (prisma.config.ts); the app's queries never select catalog columns.
import { createRequire } from "node:module";

const NAME = 19;
const CHAR = 18;
const TEXT = 25;

type FieldDescription = { dataTypeID: number };
type ResultClass = { prototype: { addFields(fields: FieldDescription[]): void; __flotillaNameAsText?: true } };

export function reportCatalogNamesAsText(): void {
  const require = createRequire(import.meta.url);
  const Result = require("pg/lib/result.js") as ResultClass;
  if (Result.prototype.__flotillaNameAsText) return;
  const addFields = Result.prototype.addFields;
  Result.prototype.addFields = function (fields) {
    for (const field of fields) if (field.dataTypeID === NAME || field.dataTypeID === CHAR) field.dataTypeID = TEXT;
    addFields.call(this, fields);
  };
  Result.prototype.__flotillaNameAsText = true;
}
