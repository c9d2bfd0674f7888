import { createElement } from 'lwc';
import { createRecord } from 'lightning/uiRecordApi';
import MpChannelPartnerOfferPage from 'c/mpChannelPartnerOfferPage';
import { fakeOrg, recordId, walkthrough } from 'mpTest/records';
import { KNOWN, PARTNER_ACCOUNT, SHARED_RESALE_AUTHORIZATION, emitRecord, enter, find, press, query, settle, texts, tick } from 'mpTest/org';

const TODAY = '2030-03-04';
const OFFER = recordId('MP_Private_Offer__c', 1);
/** As the sandbox's ISV shares "Example Analytics for partners" (SeedData.resaleAuthorization), synced. */
const WHOLESALE = [
    { Type: 'ResaleConfigurableUpfrontPricingTerm', CurrencyCode: 'USD', RateCards: [{ Selector: { Type: 'Duration',
        Value: 'P12M' }, Constraints: { MultipleDimensionSelection: 'Allowed', QuantityConfiguration: 'Allowed' },
    RateCard: [{ DimensionKey: 'users', Price: '800.00' }, { DimensionKey: 'admins', Price: '800.00' }] }] },
    { Type: 'ResaleUsageBasedPricingTerm', CurrencyCode: 'USD', RateCards: [{ RateCard: [
        { DimensionKey: 'api_calls', Price: '0.012' }, { DimensionKey: 'storage_gb', Price: '0.012' }] }] }];
const LEGAL = [{ Type: 'BuyerLegalTerm', Documents: [{ Type: 'StandardEula' }] },
    { Type: 'ResaleLegalTerm', Documents: [{ Type: 'StandardResellerContract' }] }];

function authorization(overrides = {}) {
    return { Name: 'Example Analytics for partners', Resale_Authorization_Id__c: 'resaleauthz-abc', Seller_Account__c: PARTNER_ACCOUNT,
        Product__c: null, Product_Name__c: 'Example Analytics', Product_Id__c: 'prod-saas0000000001',
        ISV_Legal_Name__c: 'Seller 111122223333', Pricing_Model__c: 'Contract', Currency__c: 'USD',
        Wholesale_Rates__c: JSON.stringify(WHOLESALE), Legal_Terms__c: JSON.stringify(LEGAL), Usage__c: 'Multi-use',
        Expiration_Date__c: '2030-08-31', Status__c: 'Active', Buyer_Accounts__c: null, Offers_Created__c: 0,
        Offer_Status__c: 'Not Started', Maximum_Agreement_Start_Date__c: '2031-08-31', ...overrides };
}

async function open(overrides) {
    const page = createElement('c-mp-channel-partner-offer-page', { is: MpChannelPartnerOfferPage });
    page.recordId = SHARED_RESALE_AUTHORIZATION;
    document.body.appendChild(page);
    await settle(); // the wire knows its record id once connected
    emitRecord('MP_Shared_Resale_Authorization__c', SHARED_RESALE_AUTHORIZATION, authorization(overrides));
    await settle();
    return page;
}

describe('c-mp-channel-partner-offer-page', () => {
    let org;
    beforeEach(() => {
        jest.useFakeTimers({ now: new Date(`${TODAY}T12:00:00Z`), doNotFake: ['nextTick', 'queueMicrotask'] });
        org = fakeOrg(KNOWN);
    });
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it('shows what the ISV fixed: duration, wholesale rates and the buyer price with the markup, terms to review', async () => {
        const page = await open();

        expect(find(page, '[data-id="duration"]').textContent).toBe('Duration: 12 months');
        expect(texts(page, '[data-id="buyer-price"]')).toEqual(['800.00 USD', '800.00 USD', '0.012', '0.012']);
        await enter(page, 'markup', '10');
        expect(texts(page, '[data-id="buyer-price"]')).toEqual(['880.00 USD', '880.00 USD', '0.0132', '0.0132']);
        expect(texts(page, '[data-id="documents"] li')).toEqual(['Buyer terms: Standard Contract for AWS Marketplace',
            'Reseller contract: Standard reseller contract']);
        expect(find(page, '[data-field="expirationDate"]').value).toBe('2030-04-03');
    });

    it('refuses an authorization that can take no offer, and says why', async () => {
        const page = await open({ Usage__c: 'One-time', Offers_Created__c: 1, Offer_Status__c: 'Completed-Used' });

        expect(find(page, '[data-id="unusable"]').textContent).toContain('already has its offer');
        expect(query(page, '[data-field="buyers"]')).toBeNull();
        expect(find(page, '[data-id="create"]').disabled).toBe(true);
    });

    it('checks buyers against the ones the ISV allows, the markup and the expiry as they are typed', async () => {
        const page = await open({ Buyer_Accounts__c: '444455556666, 123412341234' });

        await enter(page, 'buyers', '444455556666 999988887777');
        expect(find(page, '[data-problem="Buyer_Accounts__c"]').textContent)
            .toBe('999988887777 is not a buyer the resale authorization allows.');
        await enter(page, 'markup', '-5');
        expect(find(page, '[data-problem="Markup_Percentage__c"]').textContent).toBe('The markup is negative; enter 0 or more.');
        await enter(page, 'expirationDate', '2030-09-30');
        expect(find(page, '[data-problem="Expiration_Date__c"]').textContent)
            .toBe('The offer must expire on or before its resale authorization does (2030-08-31).');
    });

    it('offers a future start no later than the authorization allows, for the duration it priced', async () => {
        const page = await open();
        await tick(page, 'futureStart', true);
        expect(find(page, '[data-field="startDate"]').max).toBe('2031-08-31');
        await enter(page, 'startDate', '2030-05-01');

        expect(find(page, '[data-id="end-date"]').textContent).toBe('The agreement ends on 2031-04-30 (12 months).');
    });

    it('shows the connector\'s problems beside the fields they name', async () => {
        const page = await open();
        await press(page, 'validate');
        emitRecord('Marketplace_Request__c', recordId('Marketplace_Request__c', 1), { Name: 'REQ-000021',
            Status__c: 'Failed', Result__c: null, Progress__c: null, Error__c: [
                'Buyer_Accounts__c: Enter at least one buyer AWS account ID (12 digits).',
                'Reseller_Contract_Accepted__c: Tick Reseller Contract Accepted: the ISV\'s reseller contract on the authorization binds every offer made on it.'
            ].join('\n') });
        await settle();

        expect(find(page, '[data-problem="Buyer_Accounts__c"]').textContent).toBe('Enter at least one buyer AWS account ID (12 digits).');
        expect(find(page, '[data-problem="Reseller_Contract_Accepted__c"]').textContent).toContain('Tick Reseller Contract Accepted');
    });

    it('walkthrough: a channel partner offer for a buyer at a 10 % markup, released', async () => {
        const page = await open();
        await enter(page, 'offerName', 'Example Analytics via Partner for Example Corp');
        await enter(page, 'description', 'Example Analytics, 12 months, resold by the partner');
        await enter(page, 'buyers', '444455556666');
        await enter(page, 'markup', '10');
        await tick(page, 'contractAccepted', true);

        await press(page, 'create');
        expect(createRecord.mock.calls.map(([input]) => input.apiName)).toEqual(['MP_Private_Offer__c',
            'MP_Offer_Dimension__c', 'MP_Offer_Dimension__c', 'MP_Offer_Dimension__c', 'MP_Offer_Dimension__c',
            'Marketplace_Request__c']);
        emitRecord('Marketplace_Request__c', recordId('Marketplace_Request__c', 1), { Name: 'REQ-000022',
            Status__c: 'Succeeded', Result__c: 'Change set cs-3 started', Progress__c: null, Error__c: null });
        emitRecord('MP_Private_Offer__c', OFFER, { Status__c: 'APPLYING', Offer_URL__c: null, Last_Error__c: null });
        await settle();
        expect(find(page, '[data-id="outcome-title"]').textContent).toBe('Applying');
        emitRecord('MP_Private_Offer__c', OFFER, { Status__c: 'Released', Last_Error__c: null,
            Offer_URL__c: 'https://aws.amazon.com/marketplace/procurement?productId=prod-saas0000000001&offerId=offer-cp' });
        await settle();

        expect(find(page, '[data-id="outcome-title"]').textContent).toBe('Released');
        expect(find(page, '[data-id="buyer-url"]').href).toContain('offerId=offer-cp');
        expect(org.writes(TODAY)).toEqual(walkthrough('channel-partner-offer', org.writes(TODAY)));
    });
});
