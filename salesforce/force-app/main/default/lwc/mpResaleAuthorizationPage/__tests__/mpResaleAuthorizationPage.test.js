import { createElement } from 'lwc';
import { createRecord } from 'lightning/uiRecordApi';
import MpResaleAuthorizationPage from 'c/mpResaleAuthorizationPage';
import { fakeOrg, recordId, walkthrough } from 'mpTest/records';
import {
    ACCOUNTS, AMI, DIMENSIONS, KNOWN, PRODUCTS, SAAS, SELLER_ACCOUNT, emitRecord, emitRows, enter, find, press, query,
    settle, tick
} from 'mpTest/org';

const TODAY = '2030-03-04';
const RA = recordId('MP_Resale_Authorization__c', 1);

async function open(product) {
    const page = createElement('c-mp-resale-authorization-page', { is: MpResaleAuthorizationPage });
    document.body.appendChild(page);
    emitRows('AWS_Seller_Account__c', ACCOUNTS);
    await settle();
    emitRows('MP_Product__c', PRODUCTS, { sellerAccountId: SELLER_ACCOUNT });
    await settle();
    await enter(page, 'productId', product);
    emitRows('MP_Product_Dimension__c', DIMENSIONS[product], { productId: product });
    await settle();
    return page;
}

function rows(page) {
    return Array.from(page.shadowRoot.querySelectorAll('tr[data-row]')).map((row) => row.dataset.row);
}

async function rate(page, key, kind, price) {
    const input = query(page, `lightning-input[data-key="${key}"][data-kind="${kind}"][data-column="rate"]`);
    input.value = price;
    input.dispatchEvent(new CustomEvent('change'));
    await settle();
}

describe('c-mp-resale-authorization-page', () => {
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

    it('prices entitled dimensions upfront and metered ones by usage under a contract, only metered ones under usage pricing', async () => {
        const page = await open(SAAS);
        expect(rows(page)).toEqual(['admins/Upfront', 'api_calls/Usage', 'storage_gb/Usage', 'users/Upfront']);
        expect(query(page, '[data-field="lengthAmount"]')).not.toBeNull();

        await enter(page, 'pricingModel', 'Usage');
        expect(rows(page)).toEqual(['api_calls/Usage', 'storage_gb/Usage']);
        expect(query(page, '[data-field="lengthAmount"]')).toBeNull();
        expect(find(page, '[data-field="currency"]').options.map((o) => o.value)).toEqual(['USD']);
    });

    it('offers future dated agreements for SaaS only, and a payment schedule for one-time contracts with an expiry', async () => {
        const saas = await open(SAAS);
        expect(query(saas, '[data-field="maximumStart"]')).not.toBeNull();
        expect(query(saas, '[data-field="installmentsEnabled"]')).toBeNull();
        await enter(saas, 'usage', 'One-time');
        expect(query(saas, '[data-field="installmentsEnabled"]')).not.toBeNull();
        expect(find(saas, '[data-id="schedule-needs"]').textContent).toContain('needs an expiration date');
        await tick(saas, 'installmentsEnabled', true);
        expect(query(saas, 'c-mp-payment-schedule')).not.toBeNull();
        document.body.removeChild(saas);

        const ami = await open(AMI);
        expect(query(ami, '[data-field="maximumStart"]')).toBeNull();
    });

    it('checks the reseller account and the buyers as they are typed', async () => {
        const page = await open(SAAS);
        await enter(page, 'resellerAccountId', '111122223333');
        expect(find(page, '[data-problem="Reseller_Account_Id__c"]').textContent)
            .toBe('The reseller must be another AWS account than your own seller account.');
        await enter(page, 'resellerAccountId', '6666-7777');
        expect(find(page, '[data-problem="Reseller_Account_Id__c"]').textContent)
            .toBe('6666-7777 is not an AWS account ID: use exactly 12 digits.');
        await enter(page, 'buyers', '444455556666 444455556666');
        expect(find(page, '[data-problem="Buyer_Accounts__c"]').textContent).toBe('444455556666 is listed twice; list it once.');
    });

    it('shows the connector\'s problems beside the fields and rates they name', async () => {
        const page = await open(SAAS);
        await enter(page, 'name', 'Acme/Reseller');
        await press(page, 'validate');
        emitRecord('Marketplace_Request__c', recordId('Marketplace_Request__c', 1), { Name: 'REQ-000011',
            Status__c: 'Failed', Result__c: null, Progress__c: null, Error__c: [
                'Name: Use only letters, digits, spaces, \'.\', \'-\' and \'_\' in the name.',
                'Reseller_Account_Id__c: Enter the AWS account ID (12 digits) of the channel partner who may resell the product.',
                'Pricing_Model__c: Contract pricing needs at least one Upfront wholesale rate on an Entitled dimension.'].join('\n') });
        await settle();

        expect(find(page, '[data-problem="Name"]').textContent).toContain('Use only letters');
        expect(find(page, '[data-problem="Reseller_Account_Id__c"]').textContent).toContain('Enter the AWS account ID');
        expect(find(page, '[data-problem="Pricing_Model__c"]').textContent).toContain('at least one Upfront');
        expect(createRecord.mock.calls.map(([input]) => input.apiName)).toEqual(['MP_Resale_Authorization__c',
            'Marketplace_Request__c']);
    });

    it('walkthrough: a resale authorization for a reseller, activated', async () => {
        const page = await open(SAAS);
        await enter(page, 'name', 'Acme Analytics for Resellers');
        await enter(page, 'description', 'Wholesale terms for the reseller');
        await enter(page, 'resellerAccountId', '666677778888');
        await enter(page, 'expirationDate', '2030-05-03');
        await rate(page, 'users', 'Upfront', '800');
        await rate(page, 'admins', 'Upfront', '400');
        await rate(page, 'api_calls', 'Usage', '0.012');
        await rate(page, 'storage_gb', 'Usage', '0.05');

        await press(page, 'create');
        emitRecord('Marketplace_Request__c', recordId('Marketplace_Request__c', 1), { Name: 'REQ-000012',
            Status__c: 'Succeeded', Result__c: 'Change set cs-9 started', Progress__c: null, Error__c: null });
        emitRecord('MP_Resale_Authorization__c', RA, { Status__c: 'PREPARING', Last_Error__c: null,
            Resale_Authorization_Id__c: null });
        await settle();
        expect(find(page, '[data-id="outcome-title"]').textContent).toBe('Preparing');
        emitRecord('MP_Resale_Authorization__c', RA, { Status__c: 'Active', Last_Error__c: null,
            Resale_Authorization_Id__c: 'resaleauthz-1' });
        await settle();

        expect(find(page, '[data-id="outcome-title"]').textContent).toBe('Active');
        expect(find(page, '[data-id="create"]').disabled).toBe(true);
        expect(org.writes(TODAY)).toEqual(walkthrough('resale-authorization', org.writes(TODAY)));
    });
});
