import { Locale } from '@lc/reference-data';
import { render } from '../shared/i18n';
import { fenToWan, fenToYuan } from '../shared/money';
import { Summary } from '../summary/summary';

/**
 * The sentence of the federation's annual work report, filled with a period's figures. The
 * wording is the locale files' (annual.sentence); the figures, as they appear in it:
 * disputes.resolved, disputes.amountRecoveredFen (万元), disputes.groupDisputes, complaints.handled,
 * mediations.concluded and mediations.amountRecoveredFen (万元).
 */
export function annualSentence(figures: Summary, locale: Locale): string {
  return render(locale, 'annual.sentence', {
    disputesResolved: figures.disputes.resolved,
    disputesAmountWan: fenToWan(figures.disputes.amountRecoveredFen),
    disputesAmountYuan: fenToYuan(figures.disputes.amountRecoveredFen, { grouped: true }),
    groupDisputes: figures.disputes.groupDisputes,
    complaintsHandled: figures.complaints.handled,
    mediationsConcluded: figures.mediations.concluded,
    mediationsAmountWan: fenToWan(figures.mediations.amountRecoveredFen),
    mediationsAmountYuan: fenToYuan(figures.mediations.amountRecoveredFen, { grouped: true }),
  });
}
