// The bundler inlines this one field of package.json, so the version cannot drift from it.
import { version as packageVersion } from '../../package.json';

/** The package's version. */
export const version: string = packageVersion;
