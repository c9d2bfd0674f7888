import { createElement } from 'lwc';
import { createRecord, deleteRecord, notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import MpOfferPage from 'c/mpOfferPage';
import { fakeOrg, recordId, walkthrough } from 'mpTest/records';
import {
    ACCOUNTS, AMI, CONTAINER, DIMENSIONS, KNOWN, PRODUCTS, SAAS, SELLER_ACCOUNT, TWO_ACCOUNTS, emitRecord, emitRows,
    enter, find, press, query, settle, texts, tick
} from 'mpTest/org';

const TODAY = '2030-03-04';
const OFFER = recordId('MP_Private_Offer__c', 1);
const BUYER_URL = 'https://aws.amazon.com/marketplace/procurement?productId=prod-saas0000000001&offerId=offer-abc';

function mount(props = {}) {
    const element = createElement('c-mp-offer-page', { is: MpOfferPage });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

async function openWithProduct(product, accounts = ACCOUNTS) {
    const page = mount();
    emitRows('AWS_Seller_Account__c', accounts);
    await settle();
    emitRows('MP_Product__c', PRODUCTS, { sellerAccountId: SELLER_ACCOUNT });
    await settle();
    if (product) {
        await enter(page, 'productId', product);
        emitRows('MP_Product_Dimension__c', DIMENSIONS[product], { productId: product });
        await settle();
    }
    return page;
}

async function describeOffer(page) {
    await enter(page, 'offerName', 'Acme Analytics for Example Corp');
    await enter(page, 'description', 'Acme Analytics, 12 months, for Example Corp');
    await enter(page, 'buyers', '444455556666');
}

function rateInput(page, key, kind, column = 'rate') {
    return query(page, `lightning-input[data-key="${key}"][data-kind="${kind}"][data-column="${column}"]`);
}

async function rate(page, key, kind, price, quantity) {
    const input = rateInput(page, key, kind);
    input.value = price;
    input.dispatchEvent(new CustomEvent('change'));
    if (quantity !== undefined) {
        const units = rateInput(page, key, kind, 'quantity');
        units.value = quantity;
        units.dispatchEvent(new CustomEvent('change'));
    }
    await settle();
}

function requestWrites() {
    return createRecord.mock.calls.filter(([input]) => input.apiName === 'Marketplace_Request__c')
        .map(([input]) => input.fields);
}

/** The connector's part: the request ends, the offer moves through its change set's states. */
async function connectorReleases(request, page) {
    emitRecord('Marketplace_Request__c', request, { Name: 'REQ-000042', Status__c: 'Processing', Error__c: null,
        Result__c: null, Progress__c: 'Claimed by connector-0' });
    await settle();
    expect(find(page, '[data-id="outcome-title"]').textContent).toBe('Request REQ-000042: Processing');
    emitRecord('Marketplace_Request__c', request, { Name: 'REQ-000042', Status__c: 'Succeeded', Error__c: null,
        Result__c: 'Change set cs-1 started', Progress__c: null });
    emitRecord('MP_Private_Offer__c', OFFER, { Status__c: 'PREPARING', Offer_URL__c: null, Last_Error__c: null,
        Offer_Id__c: null });
    await settle();
    expect(find(page, '[data-id="outcome-title"]').textContent).toBe('Preparing');
    emitRecord('MP_Private_Offer__c', OFFER, { Status__c: 'APPLYING', Offer_URL__c: null, Last_Error__c: null,
        Offer_Id__c: null });
    await settle();
    expect(find(page, '[data-id="outcome-title"]').textContent).toBe('Applying');
    emitRecord('MP_Private_Offer__c', OFFER, { Status__c: 'Released', Offer_URL__c: BUYER_URL, Last_Error__c: null,
        Offer_Id__c: 'offer-abc' });
    await settle();
}

describe('c-mp-offer-page', () => {
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

    describe('shows only what the product type and pricing model allow', () => {
        it('lists the synced SaaS, AMI and Container products of the seller account, not the others', async () => {
            const page = await openWithProduct(null);

            expect(find(page, '[data-field="productId"]').options.map((o) => o.label)).toEqual([
                'Acme Analytics (SaaS, prod-saas0000000001)', 'Acme Appliance (AMI, prod-ami00000000001)',
                'Acme Cluster (Container, prod-ctr00000000001)']);
            expect(find(page, '[data-id="other-products"]').textContent).toContain('Acme Data Feed (Data)');
            expect(query(page, '[data-field="sellerAccountId"]')).toBeNull();
        });

        it('asks for the seller account when the user acts for more than one', async () => {
            const page = mount();
            emitRows('AWS_Seller_Account__c', TWO_ACCOUNTS);
            await settle();

            expect(find(page, '[data-field="sellerAccountId"]').options.map((o) => o.label))
                .toEqual(['Acme ISV (111122223333)', 'Acme EMEA (222233334444)']);
        });

        it('a SaaS contract prices entitled dimensions upfront and metered ones by usage, and may start at a future date or pay in installments', async () => {
            const page = await openWithProduct(SAAS);
            await enter(page, 'pricingModel', 'Contract');

            expect(find(page, '[data-field="pricingModel"]').options.map((o) => o.value)).toEqual(['Contract', 'Usage', 'Free']);
            expect(Array.from(page.shadowRoot.querySelectorAll('tr[data-row]')).map((row) => row.dataset.row))
                .toEqual(['admins/Upfront', 'api_calls/Usage', 'storage_gb/Usage', 'users/Upfront']);
            expect(texts(page, 'tr[data-row="users/Upfront"] td')).toEqual(expect.arrayContaining(['Users', 'Upfront (per unit, for the term)']));
            expect(find(page, 'tr[data-row="users/Upfront"] [data-id="description"]').textContent).toBe('Named users');
            expect(find(page, '[data-field="durationMode"]').options.map((o) => o.label))
                .toEqual(['Service length', 'New offer starting at future date']);
            expect(query(page, '[data-field="installmentsEnabled"]')).not.toBeNull();
            expect(query(page, '[data-field="tiered"]')).not.toBeNull();
        });

        it('an AMI offer has no future dates, BYOL carries no rates, and usage with a yearly upfront rate is annual pricing', async () => {
            const page = await openWithProduct(AMI);
            await enter(page, 'pricingModel', 'Byol');
            expect(find(page, '[data-id="byol"]').textContent).toContain('carries no rates');
            expect(query(page, 'tr[data-row]')).toBeNull();

            await enter(page, 'pricingModel', 'Usage');
            expect(Array.from(page.shadowRoot.querySelectorAll('tr[data-row]')).map((row) => row.dataset.row))
                .toEqual(['c5.xlarge/Usage', 'c5.xlarge/Upfront', 'm5.large/Usage', 'm5.large/Upfront']);
            expect(rateInput(page, 'm5.large', 'Usage').required).toBe(true);
            expect(query(page, '[data-field="installmentsEnabled"]')).toBeNull();
            await rate(page, 'm5.large', 'Upfront', '4000', 2);

            expect(find(page, '[data-id="annual"]').textContent).toBe('AMI annual pricing is bought for a year: 365 days.');
            expect(query(page, '[data-field="durationMode"]')).toBeNull();
            expect(query(page, '[data-field="installmentsEnabled"]')).not.toBeNull();
            expect(find(page, '[data-field="currency"]').options.map((o) => o.value)).toEqual(['USD']);
        });

        it('a Container product never takes installments', async () => {
            const page = await openWithProduct(CONTAINER);
            await enter(page, 'pricingModel', 'Contract');

            expect(query(page, '[data-field="installmentsEnabled"]')).toBeNull();
            expect(query(page, '[data-field="durationMode"]').options.map((o) => o.value)).toEqual(['length']);
        });

        it('free pricing ticks zero dollar pricing and locks every rate at 0', async () => {
            const page = await openWithProduct(SAAS);
            await enter(page, 'pricingModel', 'Free');

            expect(find(page, '[data-field="zeroDollar"]').checked).toBe(true);
            expect(find(page, '[data-field="zeroDollar"]').disabled).toBe(true);
            expect(rateInput(page, 'users', 'Upfront').value).toBe(0);
            expect(rateInput(page, 'users', 'Upfront').disabled).toBe(true);
        });
    });

    it('checks buyer accounts as they are typed', async () => {
        const page = await openWithProduct(SAAS);

        await enter(page, 'buyers', '444455556666, 4444-5555-6666, 444455556666');

        expect(find(page, '[data-problem="Buyer_Accounts__c"]').textContent).toBe(
            '4444-5555-6666 is not an AWS account ID: use exactly 12 digits, no dashes or spaces.'
            + ' 444455556666 is listed twice; list it once.');
        expect(find(page, '[data-id="buyer-count"]').textContent).toBe('3 of at most 26 buyer accounts');
    });

    it('shows the connector\'s problems beside the fields they name', async () => {
        const page = await openWithProduct(SAAS);
        await describeOffer(page);
        await enter(page, 'pricingModel', 'Contract');
        await rate(page, 'users', 'Upfront', '1200.12345', 10);

        await press(page, 'validate');
        const [request] = requestWrites();
        expect(request).toEqual({ Action__c: 'VALIDATE_OFFER', Seller_Account__c: SELLER_ACCOUNT, Status__c: 'Queued',
            Target_Record_Id__c: OFFER });
        emitRecord('Marketplace_Request__c', recordId('Marketplace_Request__c', 1), { Name: 'REQ-000007',
            Status__c: 'Failed', Result__c: null, Progress__c: null, Error__c: [
                'Expiration_Date__c: The expiration date 2030-03-01 has passed; choose today or a later date.',
                'MP_Offer_Dimension__c users.Rate__c: Upfront rates have at most 3 decimals; round 1200.12345.',
                'Dimension api_calls: Usage pricing must price every metered dimension of the product: add a Usage rate for api_calls.',
                'Target_Record_Id__c: Something only the request can say.'].join('\n') });
        await settle();

        expect(find(page, '[data-id="outcome-title"]').textContent).toBe('Request REQ-000007 failed');
        expect(find(page, '[data-problem="Expiration_Date__c"]').textContent)
            .toBe('The expiration date 2030-03-01 has passed; choose today or a later date.');
        expect(find(page, '[data-problem="users/Upfront"]').textContent)
            .toBe('Upfront rates have at most 3 decimals; round 1200.12345.');
        expect(find(page, '[data-problem="api_calls/Usage"]').textContent)
            .toContain('Usage pricing must price every metered dimension');
        expect(texts(page, '[data-problem="general"]')).toEqual(['Target_Record_Id__c: Something only the request can say.']);
        expect(find(page, '[data-id="validate"]').disabled).toBe(false);
    });

    it('follows the request without a reload: it asks Lightning Data Service for the request and the offer until they end', async () => {
        const page = await openWithProduct(SAAS);
        await describeOffer(page);
        await enter(page, 'pricingModel', 'Contract');
        await rate(page, 'users', 'Upfront', '1200', 10);
        await press(page, 'create');
        expect(find(page, '[data-id="create"]').disabled).toBe(true);

        jest.advanceTimersByTime(2000);
        expect(notifyRecordUpdateAvailable).toHaveBeenLastCalledWith([{ recordId: recordId('Marketplace_Request__c', 1) },
            { recordId: OFFER }]);
        await connectorReleases(recordId('Marketplace_Request__c', 1), page);
        notifyRecordUpdateAvailable.mockClear();
        jest.advanceTimersByTime(10000);
        expect(notifyRecordUpdateAvailable).not.toHaveBeenCalled();
    });

    it('edits an existing offer: loads its fields, rates and installments, and writes only what changed', async () => {
        const existing = 'a05EXISTING00001AAA';
        const page = mount({ recordId: existing });
        await settle();
        emitRows('AWS_Seller_Account__c', ACCOUNTS);
        emitRows('MP_Private_Offer__c', [{ Id: existing, Seller_Account__c: SELLER_ACCOUNT, Product__c: SAAS,
            Offer_Name__c: 'Acme for Example Corp', Description__c: 'Two years', Buyer_Accounts__c: '444455556666',
            Pricing_Model__c: 'Contract', Currency__c: 'USD', Service_Length__c: 'P24M', Service_Start_Date__c: null,
            Service_End_Date__c: null, Expiration_Date__c: '2030-04-30', Zero_Dollar_Pricing__c: false,
            Installments_Enabled__c: false, EULA_Type__c: 'StandardEula', EULA_Document_Id__c: null, Renewal__c: true,
            Renewal_Acquisition_Channel__c: 'External', Renewal_Pricing_Model__c: 'Contract', Tiered_Pricing__c: false,
            Offer_Type__c: 'Direct', Status__c: 'New' }], { offerId: existing });
        emitRows('MP_Offer_Dimension__c', [
            { Id: 'a06USERS', Dimension_Key__c: 'users', Rate_Kind__c: 'Upfront', Rate__c: 1000, Quantity__c: null },
            { Id: 'a06ADMINS', Dimension_Key__c: 'admins', Rate_Kind__c: 'Upfront', Rate__c: 500, Quantity__c: null }],
        { offerId: existing });
        await settle();
        emitRows('MP_Product__c', PRODUCTS, { sellerAccountId: SELLER_ACCOUNT });
        emitRows('MP_Product_Dimension__c', DIMENSIONS[SAAS], { productId: SAAS });
        await settle();

        expect(find(page, '[data-field="lengthAmount"]').value).toBe(24);
        expect(find(page, '[data-field="renewal"]').checked).toBe(true);
        expect(rateInput(page, 'users', 'Upfront').value).toBe(1000);
        await rate(page, 'users', 'Upfront', '1100');
        const admins = rateInput(page, 'admins', 'Upfront');
        admins.value = '';
        admins.dispatchEvent(new CustomEvent('change'));
        await settle();
        await press(page, 'validate');

        expect(createRecord.mock.calls.map(([input]) => input.apiName)).toEqual(['Marketplace_Request__c']);
        expect(updateRecord.mock.calls.map(([input]) => input.fields)).toEqual([{ Id: 'a06USERS', Rate__c: 1100,
            Quantity__c: null }]);
        expect(deleteRecord.mock.calls).toEqual([['a06ADMINS']]);
    });

    it('opens a released offer read only, and leaves other kinds of offers to their fields', async () => {
        const existing = 'a05RELEASED0001AAA';
        const page = mount({ recordId: existing });
        await settle();
        emitRows('MP_Private_Offer__c', [{ Id: existing, Seller_Account__c: SELLER_ACCOUNT, Product__c: SAAS,
            Offer_Type__c: 'Channel Partner', Status__c: 'Released', Pricing_Model__c: 'Contract' }], { offerId: existing });
        await settle();

        expect(find(page, '[data-id="released"]').textContent).toContain('only its expiration date can change');
        expect(find(page, '[data-id="other-type"]').textContent).toContain('This is a Channel Partner offer');
        expect(find(page, '[data-id="create"]').disabled).toBe(true);
    });

    it('saves a draft in AWS, and shows a change set AWS failed with its reasons beside the fields', async () => {
        const page = await openWithProduct(SAAS);
        await describeOffer(page);
        await enter(page, 'pricingModel', 'Contract');
        await rate(page, 'users', 'Upfront', '1200', 10);

        await press(page, 'draft');
        expect(requestWrites()[0].Action__c).toBe('SAVE_OFFER_DRAFT');
        emitRecord('Marketplace_Request__c', recordId('Marketplace_Request__c', 1), { Name: 'REQ-000050',
            Status__c: 'Succeeded', Error__c: null, Progress__c: null, Result__c: 'Change set cs-5 started' });
        emitRecord('MP_Private_Offer__c', OFFER, { Status__c: 'Draft', Offer_URL__c: null, Last_Error__c: null,
            Offer_Id__c: 'offer-draft' });
        await settle();
        expect(find(page, '[data-id="outcome-title"]').textContent).toBe('Saved as a draft in AWS Marketplace');

        await press(page, 'create');
        emitRecord('Marketplace_Request__c', recordId('Marketplace_Request__c', 2), { Name: 'REQ-000051',
            Status__c: 'Succeeded', Error__c: null, Progress__c: null, Result__c: 'Change set cs-6 started' });
        emitRecord('MP_Private_Offer__c', OFFER, { Status__c: 'FAILED', Offer_URL__c: null, Offer_Id__c: 'offer-draft',
            Last_Error__c: 'Buyer_Accounts__c: AWS refused buyer 444455556666: the account is closed.' });
        await settle();

        expect(find(page, '[data-id="outcome-title"]').textContent).toBe('Failed');
        expect(find(page, '[data-problem="Buyer_Accounts__c"]').textContent)
            .toBe('AWS refused buyer 444455556666: the account is closed.');
        expect(find(page, '[data-id="create"]').disabled).toBe(false);
    });

    describe('walkthroughs', () => {
        it('a SaaS contract with a flexible payment schedule: the connector generates the rows, they stay editable, and the offer is released with its buyer URL', async () => {
            const page = await openWithProduct(SAAS);
            await describeOffer(page);
            await enter(page, 'pricingModel', 'Contract');
            await rate(page, 'users', 'Upfront', '1200', 10);
            await rate(page, 'admins', 'Upfront', '600', 2);
            await tick(page, 'installmentsEnabled', true);
            const schedule = find(page, 'c-mp-payment-schedule');
            expect(schedule.contractTotal).toBe(13200);
            const utility = schedule.shadowRoot;
            expect(utility.querySelector('[data-param="totalAmount"]').value).toBe(13200);
            expect(utility.querySelector('[data-param="firstPaymentDate"]').value).toBe(TODAY);
            expect(utility.querySelector('[data-param="endDate"]').value).toBe('2031-04-03');

            utility.querySelector('[data-id="generate"]').dispatchEvent(new CustomEvent('click'));
            await settle();
            const generate = requestWrites()[0];
            expect(generate.Action__c).toBe('GENERATE_PAYMENT_SCHEDULE');
            expect(JSON.parse(generate.Input__c)).toEqual({ totalAmount: '13200', currency: 'USD',
                firstPaymentDate: TODAY, endDate: '2031-04-03', frequencyDays: 90, remainder: 'Frontload',
                dayCounting: 'Calendar Day' });
            // The connector writes the installments and the page shows them.
            emitRecord('Marketplace_Request__c', recordId('Marketplace_Request__c', 1), { Name: 'REQ-000043',
                Status__c: 'Succeeded', Error__c: null, Progress__c: null,
                Result__c: 'Generated 5 installments totalling 13,200.00 USD, from 2030-03-04 to 2031-02-27.' });
            await settle();
            const generated = ['2030-03-04', '2030-06-02', '2030-08-31', '2030-11-29', '2031-02-27']
                .map((date, i) => ({ Id: `a07INSTALLMENT${i + 1}AAA`, Charge_Date__c: date, Charge_Amount__c: 2640 }));
            generated.forEach((row, i) => org.name(row.Id, `MP_Payment_Installment__c.${i + 1}`));
            emitRows('MP_Payment_Installment__c', generated, { offerId: OFFER });
            await settle();
            expect(find(page, '[data-id="outcome-title"]').textContent).toBe('Installments generated');
            expect(utility.querySelectorAll('tbody tr')).toHaveLength(5);
            expect(utility.querySelector('[data-id="totals"]').textContent)
                .toBe('5 installments totalling 13,200.00 USD; the rates come to 13,200.00 USD.');
            // The rows stay editable: more on the first charge, less on the last; the totals follow.
            const amount = (row) => utility.querySelector(`lightning-input[data-index="${row}"][data-column="amount"]`);
            amount(0).value = '2740';
            amount(0).dispatchEvent(new CustomEvent('change'));
            await settle();
            expect(utility.querySelector('[data-id="totals"]').textContent)
                .toBe('5 installments totalling 13,300.00 USD; the rates come to 13,200.00 USD.');
            expect(utility.querySelector('[data-problem="totals"]').textContent).toContain('make them agree');
            amount(4).value = '2540';
            amount(4).dispatchEvent(new CustomEvent('change'));
            await settle();
            expect(utility.querySelector('[data-problem="totals"]')).toBeNull();

            await press(page, 'create');
            await connectorReleases(recordId('Marketplace_Request__c', 2), page);

            expect(find(page, '[data-id="outcome-title"]').textContent).toBe('Released');
            expect(find(page, '[data-id="buyer-url"]').href).toBe(BUYER_URL);
            expect(org.writes(TODAY)).toEqual(walkthrough('offer-with-payment-schedule', org.writes(TODAY)));
        });

        it('a SaaS contract on a future dated agreement', async () => {
            const page = await openWithProduct(SAAS);
            await describeOffer(page);
            await enter(page, 'pricingModel', 'Contract');
            await rate(page, 'users', 'Upfront', '1000', 5);
            await enter(page, 'durationMode', 'dates');
            await enter(page, 'startDate', '2030-04-18');
            await enter(page, 'endDate', '2031-04-17');
            expect(query(page, '[data-field="lengthAmount"]')).toBeNull();

            await press(page, 'create');
            await connectorReleases(recordId('Marketplace_Request__c', 1), page);

            expect(org.writes(TODAY)).toEqual(walkthrough('offer-future-dated', org.writes(TODAY)));
        });

        it('a zero dollar offer', async () => {
            const page = await openWithProduct(SAAS);
            await describeOffer(page);
            await enter(page, 'pricingModel', 'Contract');
            await tick(page, 'zeroDollar', true);
            await enter(page, 'lengthAmount', 3);

            await press(page, 'create');
            await connectorReleases(recordId('Marketplace_Request__c', 1), page);

            expect(org.writes(TODAY)).toEqual(walkthrough('offer-zero-dollar', org.writes(TODAY)));
        });

        it('an offer with a custom EULA uploaded in the page', async () => {
            const page = await openWithProduct(SAAS);
            await describeOffer(page);
            await enter(page, 'pricingModel', 'Contract');
            await rate(page, 'users', 'Upfront', '1200', 10);
            await enter(page, 'eulaType', 'CustomEula');
            expect(query(page, 'lightning-file-upload')).toBeNull();
            await press(page, 'save-for-upload');
            const upload = find(page, 'lightning-file-upload');
            expect(upload.recordId).toBe(OFFER);
            expect(upload.accept).toBe('.pdf');

            const document = org.upload('acme-eula.pdf', OFFER);
            upload.dispatchEvent(new CustomEvent('uploadfinished', { detail: { files: [{ name: 'acme-eula.pdf',
                documentId: document }] } }));
            await settle();
            expect(find(page, '[data-id="eula-attached"]').textContent).toBe('Attached: acme-eula.pdf');
            await press(page, 'create');
            await connectorReleases(recordId('Marketplace_Request__c', 1), page);

            expect(org.writes(TODAY)).toEqual(walkthrough('offer-custom-eula', org.writes(TODAY)));
        });
    });
});
