export { parseDealerMessage } from './parse.js';
export {
  ParseResultSchema,
  ActionSchema,
  SideSchema,
  InstrumentKindSchema,
  LevelTypeSchema,
  ParsedInstrumentSchema,
  type ParseResult,
  type ParsedInstrument,
  type Action,
  type Side,
  type InstrumentKind,
  type LevelType,
  type ParseOptions,
} from './schema.js';
export {
  catalogFromBondMaster,
  makeCatalog,
  DEFAULT_NCD_BUCKETS,
  DEFAULT_REPO_TENORS,
  DEFAULT_FX_PAIRS,
  type InstrumentCatalog,
  type CatalogBond,
  type NcdBucket,
} from './catalog.js';
export { closestInstruments, editDistance, unknownInstrument, type InstrumentMatch } from './closest.js';
export { formatParse, type Lang } from './format.js';
export { tokenize, type Token } from './tokenize.js';
