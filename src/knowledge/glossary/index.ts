/**
 * Every hand-written colloquial → statutory glossary, one file per field of law. The general
 * table (../glossary-zh.ts) comes first; the field tables widen it to everyday situations.
 */
import { ZH_GLOSSARY_LINES } from '../glossary-zh.js';
import { ZH_CONTRACTS_PROPERTY_GLOSSARY } from './zh-contracts-property.js';
import { ZH_FAMILY_LABOUR_GLOSSARY } from './zh-family-labour.js';
import { ZH_FINANCE_GLOSSARY } from './zh-finance.js';
import { ZH_PUBLIC_LAW_GLOSSARY } from './zh-public-law.js';
import { ZH_TORTS_GLOSSARY } from './zh-torts.js';

export const ZH_ALL_GLOSSARY_LINES: readonly string[] = [
  ...ZH_GLOSSARY_LINES,
  ...ZH_CONTRACTS_PROPERTY_GLOSSARY,
  ...ZH_TORTS_GLOSSARY, ...ZH_FAMILY_LABOUR_GLOSSARY, ...ZH_PUBLIC_LAW_GLOSSARY, ...ZH_FINANCE_GLOSSARY];
