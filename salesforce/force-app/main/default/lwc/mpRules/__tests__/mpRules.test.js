import {
    addToDate, allowsFutureDates, allowsInstallments, checkBuyers, contractTotal, describeLength, legalDocuments,
    offerPricingModels, offerRateKinds, paymentScheduleInput, readServiceLength, serviceLength, today, wholesaleDuration,
    wholesaleRates, wholesaleSchedule, MAX_OFFER_BUYERS
} from 'c/mpRules';

const USERS = { key: 'users', types: 'Entitled' };
const API_CALLS = { key: 'api_calls', types: 'ExternallyMetered' };
const HOURS = { key: 'm5.large', types: 'Metered' };

describe('mpRules', () => {
    it('checks buyer accounts as they are typed: 12 digits, no repeats, at most 26', () => {
        expect(checkBuyers('444455556666, 111122223333', MAX_OFFER_BUYERS)).toEqual({
            accounts: ['444455556666', '111122223333'], problems: [] });
        expect(checkBuyers('4444-5555-6666', MAX_OFFER_BUYERS).problems)
            .toEqual(['4444-5555-6666 is not an AWS account ID: use exactly 12 digits, no dashes or spaces.']);
        expect(checkBuyers('444455556666\n444455556666', MAX_OFFER_BUYERS).problems)
            .toEqual(['444455556666 is listed twice; list it once.']);
        const many = Array.from({ length: 27 }, (_, i) => String(100000000000 + i)).join(' ');
        expect(checkBuyers(many, MAX_OFFER_BUYERS).problems).toEqual(['At most 26 buyer accounts; 27 are listed.']);
        expect(checkBuyers('', MAX_OFFER_BUYERS).problems).toEqual(['Enter at least one buyer AWS account ID (12 digits).']);
        expect(checkBuyers('', 25, false).problems).toEqual([]);
    });

    it('offers BYOL for AMI and Container products, never for SaaS, and nothing for other product types', () => {
        expect(offerPricingModels('SaaS')).toEqual(['Contract', 'Usage', 'Free']);
        expect(offerPricingModels('AMI')).toEqual(['Contract', 'Usage', 'Byol', 'Free']);
        expect(offerPricingModels('Container')).toEqual(['Contract', 'Usage', 'Byol', 'Free']);
        expect(offerPricingModels('Data')).toEqual([]);
    });

    it('prices entitled dimensions upfront, metered ones by usage, and an AMI year upfront', () => {
        expect(offerRateKinds('SaaS', 'Contract', USERS)).toEqual(['Upfront']);
        expect(offerRateKinds('SaaS', 'Contract', API_CALLS)).toEqual(['Usage']);
        expect(offerRateKinds('Container', 'Contract', { key: 'vcpu_hours', types: 'ExternallyMetered' })).toEqual([]);
        expect(offerRateKinds('SaaS', 'Usage', USERS)).toEqual([]);
        expect(offerRateKinds('AMI', 'Usage', HOURS)).toEqual(['Usage', 'Upfront']);
        expect(offerRateKinds('AMI', 'Byol', HOURS)).toEqual([]);
        expect(offerRateKinds('SaaS', 'Free', USERS)).toEqual(['Upfront']);
    });

    it('allows future dates for SaaS contracts and installments for SaaS contracts and AMI annual pricing', () => {
        expect(allowsFutureDates('SaaS', 'Contract')).toBe(true);
        expect(allowsFutureDates('AMI', 'Contract')).toBe(false);
        expect(allowsFutureDates('SaaS', 'Usage')).toBe(false);
        expect(allowsInstallments('SaaS', 'Contract', true)).toBe(true);
        expect(allowsInstallments('AMI', 'Usage', true)).toBe(true);
        expect(allowsInstallments('AMI', 'Usage', false)).toBe(false);
        expect(allowsInstallments('Container', 'Contract', true)).toBe(false);
    });

    it('turns months and days into the durations AWS accepts, and back', () => {
        expect(serviceLength(12, 'months')).toBe('P12M');
        expect(serviceLength('365', 'days')).toBe('P365D');
        expect(serviceLength(0, 'months')).toBeNull();
        expect(serviceLength(1.5, 'months')).toBeNull();
        expect(readServiceLength('P2Y')).toEqual({ amount: 24, unit: 'months' });
        expect(readServiceLength('P30D')).toEqual({ amount: 30, unit: 'days' });
        expect(describeLength('P1M')).toBe('1 month');
        expect(describeLength('P365D')).toBe('365 days');
    });

    it('offers lengths of at most four digits, as the connector accepts', () => {
        expect(serviceLength(9999, 'days')).toBe('P9999D');
        expect(serviceLength(10000, 'days')).toBeNull();
        expect(readServiceLength('P9999D')).toEqual({ amount: 9999, unit: 'days' });
        expect(readServiceLength('P99999Y')).toEqual({ amount: null, unit: 'months' });
    });

    it('counts today as AWS and the connector do: the day in UTC, not in the seller\'s time zone', () => {
        // 01:45 UTC on 2 March: still 1 March, 8:45 pm, for a seller in New York, whose browser's local day it is.
        jest.useFakeTimers({ now: new Date('2030-03-02T01:45:00Z') });
        const local = [jest.spyOn(Date.prototype, 'getFullYear').mockReturnValue(2030),
            jest.spyOn(Date.prototype, 'getMonth').mockReturnValue(2), jest.spyOn(Date.prototype, 'getDate').mockReturnValue(1)];
        try {
            expect(today()).toBe('2030-03-02');
        } finally {
            local.forEach((spy) => spy.mockRestore());
            jest.useRealTimers();
        }
    });

    it('adds what the rates come to in cents', () => {
        expect(contractTotal([{ kind: 'Upfront', rate: '1200', quantity: 10 }, { kind: 'Upfront', rate: '0.1', quantity: 3 },
            { kind: 'Usage', rate: '0.01', quantity: null }, { kind: 'Upfront', rate: '', quantity: 4 }])).toBe(12000.3);
    });

    it('writes the payment schedule parameters as the button flow does', () => {
        expect(JSON.parse(paymentScheduleInput({ totalAmount: 12000, currency: 'USD', firstPaymentDate: '2030-01-15',
            endDate: '2030-12-31', frequencyDays: '90', remainder: 'Frontload', dayCounting: 'Business Day' })))
            .toEqual({ totalAmount: '12000', currency: 'USD', firstPaymentDate: '2030-01-15', endDate: '2030-12-31',
                frequencyDays: 90, remainder: 'Frontload', dayCounting: 'Business Day' });
        expect(addToDate('2030-01-31', { months: 1 })).toBe('2030-03-03');
        expect(addToDate('2030-12-31', { days: 1 })).toBe('2031-01-01');
    });

    it('reads a shared resale authorization as the connector does', () => {
        const terms = [
            { Type: 'ResaleFixedUpfrontPricingTerm', Duration: 'P12M', Grants: [{ DimensionKey: 'users', MaxQuantity: 10 }] },
            { Type: 'ResalePaymentScheduleTerm', Schedule: [{ ChargeDate: '2030-02-01T00:00:00.000Z', ChargeAmount: '2500.00' }] },
            { Type: 'ResaleUsageBasedPricingTerm', RateCards: [{ RateCard: [{ DimensionKey: 'api_calls', Price: '0.012' }] }] },
            { Type: 'BuyerLegalTerm', Documents: [{ Type: 'StandardEula' }] },
            { Type: 'ResaleLegalTerm', Documents: [{ Type: 'CustomResellerContract', Url: 'https://example.com/c.pdf' }] }];
        expect(wholesaleDuration(terms)).toBe('P12M');
        expect(wholesaleRates(terms)).toEqual([{ key: 'users', rate: '0', kind: 'Upfront', quantity: 10 },
            { key: 'api_calls', rate: '0.012', kind: 'Usage', quantity: null }]);
        expect(wholesaleSchedule(terms)).toEqual([{ date: '2030-02-01', amount: '2500.00' }]);
        expect(legalDocuments(terms).map((d) => `${d.whose}: ${d.label}`))
            .toEqual(['Buyer terms: Standard Contract for AWS Marketplace', 'Reseller contract: Custom reseller contract']);
        expect(wholesaleDuration([{ Type: 'ResaleConfigurableUpfrontPricingTerm',
            RateCards: [{ Selector: { Type: 'Duration', Value: 'P24M' }, RateCard: [] }] }])).toBe('P24M');
    });
});
