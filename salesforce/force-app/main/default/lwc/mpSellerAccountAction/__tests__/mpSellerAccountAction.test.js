import { createElement } from 'lwc';
import { CurrentPageReference } from 'lightning/navigation';
import { createRecord } from 'lightning/uiRecordApi';
import MpSellerAccountAction from 'c/mpSellerAccountAction';
import { fakeOrg, recordId } from 'mpTest/records';
import { ACCOUNTS, KNOWN, OTHER_SELLER_ACCOUNT, PARTNER_ACCOUNT, SELLER_ACCOUNT, TWO_ACCOUNTS, emitRecord, emitRows, enter,
    find, press, query, settle } from 'mpTest/org';

async function open(action, accounts) {
    const page = createElement('c-mp-seller-account-action', { is: MpSellerAccountAction });
    document.body.appendChild(page);
    CurrentPageReference.emit({ type: 'standard__component', attributes: { componentName: 'c__mpSellerAccountAction' },
        state: { c__action: action } });
    emitRows('AWS_Seller_Account__c', accounts);
    await settle();
    return page;
}

describe('c-mp-seller-account-action', () => {
    beforeEach(() => fakeOrg(KNOWN));
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('asks the seed\'s question and records the request for the only seller account', async () => {
        const page = await open('REFRESH_AGREEMENTS', ACCOUNTS);

        expect(find(page, '[data-id="question"]').textContent).toBe('Do you want to pull the list of agreements from AWS Marketplace?');
        expect(query(page, '[data-field="sellerAccountId"]')).toBeNull();
        expect(find(page, '[data-id="only-account"]').textContent).toBe('For Acme ISV (111122223333).');
        await press(page, 'yes');

        expect(createRecord).toHaveBeenCalledWith({ apiName: 'Marketplace_Request__c', fields: {
            Action__c: 'REFRESH_AGREEMENTS', Seller_Account__c: SELLER_ACCOUNT, Status__c: 'Queued',
            Target_Record_Id__c: SELLER_ACCOUNT } });
        emitRecord('Marketplace_Request__c', recordId('Marketplace_Request__c', 1), { Name: 'REQ-000031',
            Status__c: 'Succeeded', Error__c: null, Progress__c: null, Result__c: '3 agreements refreshed.' });
        await settle();
        expect(find(page, '[data-id="outcome-title"]').textContent).toBe('Request REQ-000031 succeeded');
        expect(find(page, '[data-id="outcome-detail"]').textContent).toBe('3 agreements refreshed.');
    });

    it('asks which seller account when the user acts for more than one', async () => {
        const page = await open('REFRESH_PRODUCTS', TWO_ACCOUNTS);

        expect(find(page, '[data-field="sellerAccountId"]').options.map((o) => o.label))
            .toEqual(['Acme ISV (111122223333)', 'Acme EMEA (222233334444)']);
        expect(find(page, '[data-id="yes"]').disabled).toBe(true);
        await enter(page, 'sellerAccountId', OTHER_SELLER_ACCOUNT);
        await press(page, 'yes');

        expect(createRecord.mock.calls[0][0].fields).toMatchObject({ Action__c: 'REFRESH_PRODUCTS',
            Seller_Account__c: OTHER_SELLER_ACCOUNT, Target_Record_Id__c: OTHER_SELLER_ACCOUNT });
    });

    it('Import Agreement asks for the agreement and checks it looks like one', async () => {
        const page = await open('IMPORT_AGREEMENT', ACCOUNTS);
        await enter(page, 'typed', '12345');
        expect(find(page, '[data-problem="input"]').textContent).toBe('12345 is not an AWS Marketplace Agreement ID: it looks like agmt-...');
        expect(find(page, '[data-id="yes"]').disabled).toBe(true);

        await enter(page, 'typed', ' agmt-4f7cumj0hqmytbs1a2b3c4d5e ');
        await press(page, 'yes');

        expect(createRecord.mock.calls[0][0].fields).toMatchObject({ Action__c: 'IMPORT_AGREEMENT',
            Input__c: '{"agreementId":"agmt-4f7cumj0hqmytbs1a2b3c4d5e"}' });
    });

    it('Import Offer records the offer id, and a failure is shown as the connector wrote it', async () => {
        const page = await open('IMPORT_OFFER', ACCOUNTS);
        await enter(page, 'typed', 'offer-abc123');
        await press(page, 'yes');
        expect(createRecord.mock.calls[0][0].fields.Input__c).toBe('{"offerId":"offer-abc123"}');

        emitRecord('Marketplace_Request__c', recordId('Marketplace_Request__c', 1), { Name: 'REQ-000032',
            Status__c: 'Failed', Result__c: null, Progress__c: null,
            Error__c: 'offerId: AWS Marketplace has no offer offer-abc123 for seller account 111122223333.' });
        await settle();
        expect(find(page, '[data-id="outcome-title"]').textContent).toBe('Request REQ-000032 failed');
    });

    it('Refresh Shared Resale Authorizations acts for the channel partner account', async () => {
        const page = await open('REFRESH_SHARED_RESALE_AUTHORIZATIONS', [...ACCOUNTS,
            { Id: PARTNER_ACCOUNT, Name: 'Acme Partner', Account_Id__c: '555566667777', Role__c: 'Channel Partner' }]);

        expect(find(page, '[data-id="only-account"]').textContent).toBe('For Acme Partner (555566667777).');
        await press(page, 'yes');
        expect(createRecord.mock.calls[0][0].fields.Seller_Account__c).toBe(PARTNER_ACCOUNT);
    });

    it('says so when no seller account is shared with the user', async () => {
        const page = await open('REFRESH_PRODUCTS', []);

        expect(find(page, '[data-id="no-account"]').textContent).toContain('No AWS seller account is shared with you');
        expect(query(page, '[data-id="yes"]')).toBeNull();
    });
});
