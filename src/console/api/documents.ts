import {
  AccessAnomaliesDocument,
  AccessEventsDocument,
  AcknowledgeRiskWarningDocument,
  ConsoleCaseStatsDocument,
  CategoriesDocument,
  ConsoleRiskWarningsDocument,
  ExchangeLogDocument,
  ExportAccessEventsDocument,
  HotspotsDocument,
  LocateCasesDocument,
  RegionsDocument,
  SeasonalOutlookDocument,
  UnitsDocument,
  VerifyAuditChainDocument,
  VerifyExchangeLogDocument,
} from '../../../schema/generated/graphql';
import { trusted } from './trusted';

/** Every operation the console runs: documents of schema/operations/, sent by their trusted-document id. */
export const documents = {
  accessEvents: trusted(AccessEventsDocument),
  accessAnomalies: trusted(AccessAnomaliesDocument),
  verifyAuditChain: trusted(VerifyAuditChainDocument),
  exportAccessEvents: trusted(ExportAccessEventsDocument),
  exchangeLog: trusted(ExchangeLogDocument),
  verifyExchangeLog: trusted(VerifyExchangeLogDocument),
  locateCases: trusted(LocateCasesDocument),
  units: trusted(UnitsDocument),
  categories: trusted(CategoriesDocument),
  regions: trusted(RegionsDocument),
  hotspots: trusted(HotspotsDocument),
  seasonalOutlook: trusted(SeasonalOutlookDocument),
  riskWarnings: trusted(ConsoleRiskWarningsDocument),
  acknowledgeRiskWarning: trusted(AcknowledgeRiskWarningDocument),
  caseStats: trusted(ConsoleCaseStatsDocument),
};
