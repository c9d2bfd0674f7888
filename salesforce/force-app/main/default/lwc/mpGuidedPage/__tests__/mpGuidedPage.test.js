import { createRecord, deleteRecord, notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import {
    enteredValue, followRecord, generalProblems, problemsByField, requestOutcome, saveAndRequest, saveInstallments,
    saveRates, saveRecord, scheduleProblem, stopPolling, wantedRates, withEnteredRate
} from 'c/mpGuidedPage';
import { fakeOrg } from 'mpTest/records';
import { record } from 'mpTest/org';

const OFFER = 'a05000000000001AAA';
const PARENT = { field: 'Private_Offer__c', id: OFFER };

function requestRecord(fields) {
    return record('Marketplace_Request__c', 'a0R000000000001AAA', { Name: 'REQ-1', Status__c: null, Error__c: null,
        Result__c: null, Progress__c: null, ...fields });
}

/** A page as the functions see it: the fields they read and write. */
function page(overrides = {}) {
    return { busy: false, platformError: null, connectorProblems: [], request: null, requestAction: null,
        requestId: null, pollTimer: null, installmentsResult: null, loadedStatus: null, trackedRecordId: undefined,
        persist: jest.fn(async () => undefined), ...overrides };
}

describe('mpGuidedPage', () => {
    beforeEach(() => fakeOrg());
    afterEach(() => {
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it('creates a record once, then updates only the fields that changed, and nothing when none did', async () => {
        const created = await saveRecord({ apiName: 'MP_Private_Offer__c', id: undefined,
            fields: { Name: 'A', Currency__c: 'USD' }, saved: {} });
        expect(created).toEqual({ id: OFFER, saved: { Name: 'A', Currency__c: 'USD' }, created: true });

        const changed = await saveRecord({ apiName: 'MP_Private_Offer__c', id: OFFER,
            fields: { Name: 'B', Currency__c: 'USD' }, saved: created.saved });
        expect(updateRecord).toHaveBeenCalledWith({ fields: { Id: OFFER, Name: 'B' } });
        expect(changed.saved).toEqual({ Name: 'B', Currency__c: 'USD' });

        updateRecord.mockClear();
        await saveRecord({ apiName: 'MP_Private_Offer__c', id: OFFER, fields: changed.saved, saved: changed.saved });
        expect(updateRecord).not.toHaveBeenCalled();
    });

    it('keeps priced rows, and rows with units alone where the page asks for units', () => {
        const rows = [
            { rowKey: 'users/Upfront', key: 'users', kind: 'Upfront', rate: '10', quantity: '5', withQuantity: true },
            { rowKey: 'admins/Upfront', key: 'admins', kind: 'Upfront', rate: '', quantity: '2', withQuantity: true },
            { rowKey: 'api/Usage', key: 'api', kind: 'Usage', rate: null, quantity: null, withQuantity: false }];

        expect(wantedRates(rows, () => false)).toEqual({
            'users/Upfront': { key: 'users', kind: 'Upfront', rate: 10, quantity: 5 } });
        expect(wantedRates(rows, (row) => row.withQuantity)).toEqual({
            'users/Upfront': { key: 'users', kind: 'Upfront', rate: 10, quantity: 5 },
            'admins/Upfront': { key: 'admins', kind: 'Upfront', rate: null, quantity: 2 } });
    });

    it('writes the rates so that they are what the table asks for: creates, updates and deletes', async () => {
        const saved = { 'users/Upfront': { id: 'r1', rate: '10', quantity: null },
            'admins/Upfront': { id: 'r2', rate: '5', quantity: null }, 'api/Usage': { id: 'r3', rate: '0.01', quantity: null } };
        const stored = await saveRates({ object: 'MP_Offer_Dimension__c', parent: PARENT, saved, wanted: {
            'users/Upfront': { key: 'users', kind: 'Upfront', rate: 10, quantity: null },
            'admins/Upfront': { key: 'admins', kind: 'Upfront', rate: 6, quantity: null },
            'storage/Usage': { key: 'storage', kind: 'Usage', rate: 0.05, quantity: null } } });

        expect(createRecord.mock.calls.map(([input]) => input)).toEqual([{ apiName: 'MP_Offer_Dimension__c', fields: {
            Private_Offer__c: OFFER, Name: 'storage', Dimension_Key__c: 'storage', Rate_Kind__c: 'Usage', Rate__c: 0.05,
            Quantity__c: null } }]);
        expect(updateRecord.mock.calls.map(([input]) => input)).toEqual([{ fields: { Id: 'r2', Rate__c: 6,
            Quantity__c: null } }]);
        expect(deleteRecord.mock.calls).toEqual([['r3']]);
        expect(Object.keys(stored).sort()).toEqual(['admins/Upfront', 'storage/Usage', 'users/Upfront']);
    });

    it('writes the installments numbered in order: new rows created, changed ones updated, removed ones deleted', async () => {
        const saved = [{ id: 'i1', date: '2030-04-01', amount: 100 }, { id: 'i2', date: '2030-05-01', amount: 100 }];
        const kept = await saveInstallments({ object: 'MP_Payment_Installment__c', parent: PARENT, currency: 'EUR', saved,
            rows: [{ id: 'i1', date: '2030-04-02', amount: '100' }, { date: '2030-06-01', amount: '50' }] });

        expect(updateRecord.mock.calls.map(([input]) => input)).toEqual([{ fields: { Id: 'i1',
            Charge_Date__c: '2030-04-02' } }]);
        expect(createRecord.mock.calls.map(([input]) => input)).toEqual([{ apiName: 'MP_Payment_Installment__c',
            fields: { Private_Offer__c: OFFER, Installment_Number__c: 2, Charge_Date__c: '2030-06-01',
                Charge_Amount__c: 50, Currency__c: 'EUR' } }]);
        expect(deleteRecord.mock.calls).toEqual([['i2']]);
        expect(kept.map((row) => row.date)).toEqual(['2030-04-02', '2030-06-01']);
    });

    it('saves, records the request and follows it until the record ends', async () => {
        jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
        const forget = jest.fn();
        const p = page({ trackedRecordId: OFFER });
        await saveAndRequest(p, 'CREATE_OFFER', () => ({ sellerAccountId: 'a00000000000001AAA', targetRecordId: OFFER }),
            forget);

        expect(p.persist).toHaveBeenCalled();
        expect(forget).toHaveBeenCalled();
        expect(p.busy).toBe(true);
        expect(createRecord.mock.calls[0][0].fields).toEqual({ Action__c: 'CREATE_OFFER',
            Seller_Account__c: 'a00000000000001AAA', Status__c: 'Queued', Target_Record_Id__c: OFFER });
        jest.advanceTimersByTime(2000);
        expect(notifyRecordUpdateAvailable).toHaveBeenLastCalledWith([{ recordId: p.requestId }, { recordId: OFFER }]);

        p.request = requestRecord({ Status__c: 'Succeeded' });
        followRecord(p, { validate: 'VALIDATE_OFFER', ended: ['Released'], status: 'PREPARING', settled: 'Released' });
        expect(p.busy).toBe(true);
        followRecord(p, { validate: 'VALIDATE_OFFER', ended: ['Released'], status: 'Released', settled: 'Released' });
        expect(p.busy).toBe(false);
        expect(p.loadedStatus).toBe('Released');
        notifyRecordUpdateAvailable.mockClear();
        jest.advanceTimersByTime(10000);
        expect(notifyRecordUpdateAvailable).not.toHaveBeenCalled();
    });

    it('only saves without an action, and shows what Salesforce refused', async () => {
        const p = page();
        await saveAndRequest(p, null, () => ({}), jest.fn());
        expect(createRecord).not.toHaveBeenCalled();
        expect(p.busy).toBe(false);

        p.persist = jest.fn(async () => {
            throw { body: { message: 'Required fields are missing: [Name]' } };
        });
        await expect(saveAndRequest(p, 'CREATE_OFFER', () => ({}), jest.fn())).rejects.toBeTruthy();
        expect(p.busy).toBe(false);
        expect(requestOutcome(p)).toEqual({ title: 'Salesforce refused', detail: 'Required fields are missing: [Name]',
            tone: 'error' });
        stopPolling(p);
    });

    it('tells a failed request\'s problems, and leaves a succeeded request\'s outcome to the page', () => {
        const p = page({ requestId: 'a0R000000000001AAA', requestAction: 'CREATE_OFFER', pollTimer: null });
        expect(requestOutcome(p)).toEqual({ title: 'The request: Queued', detail: 'The connector works on it; this page'
            + ' follows it.', tone: 'info' });

        p.request = requestRecord({ Status__c: 'Failed', Error__c: 'Offer_Name__c: Enter a name.' });
        followRecord(p, { validate: 'VALIDATE_OFFER', ended: [], status: null });
        expect(p.connectorProblems).toEqual([{ field: 'Offer_Name__c', object: null, key: null, column: null,
            message: 'Enter a name.' }]);
        expect(requestOutcome(p)).toEqual({ title: 'Request REQ-1 failed', detail: 'The connector found 1 thing to fix,'
            + ' shown beside the fields.', tone: 'error' });

        p.request = requestRecord({ Status__c: 'Succeeded' });
        expect(requestOutcome(p)).toBeUndefined();
        p.requestAction = 'GENERATE_PAYMENT_SCHEDULE';
        p.request = requestRecord({ Status__c: 'Succeeded', Result__c: '12 installments' });
        expect(requestOutcome(p)).toEqual({ title: 'Installments generated', detail: '12 installments', tone: 'success' });
    });

    it('places each problem: beside its field, under the schedule, or in the list at the top', () => {
        const problems = [
            { field: 'Offer_Name__c', object: null, key: null, message: 'Enter a name.' },
            { field: 'Offer_Name__c', object: null, key: null, message: 'At most 150 characters.' },
            { field: 'Status__c', object: null, key: null, message: 'Released offers do not change.' },
            { field: 'totalAmount', object: null, key: null, message: 'Enter the total.' },
            { field: null, object: 'MP_Offer_Dimension__c', key: 'users', message: 'Price it.' },
            { field: null, object: 'MP_Offer_Dimension__c', key: 'gone', message: 'No such dimension.' },
            { field: null, object: 'MP_Payment_Installment__c', key: null, message: 'Totals differ.' },
            { field: null, object: null, key: null, message: 'Unexpected.' }];

        expect(problemsByField(problems, ['Offer_Name__c', 'Description__c'])).toEqual({
            Offer_Name__c: 'Enter a name. At most 150 characters.', Description__c: null });
        expect(scheduleProblem(problems, 'MP_Payment_Installment__c')).toBe('Enter the total. Totals differ.');
        expect(generalProblems(problems, { fields: ['Offer_Name__c', 'Status__c'], rateObjects: ['MP_Offer_Dimension__c'],
            shownRowKeys: new Set(['users']), installmentObject: 'MP_Payment_Installment__c', scheduleShown: true })
            .map((p) => p.text)).toEqual(['Status__c: Released offers do not change.', 'No such dimension.', 'Unexpected.']);
    });

    it('reads what an input reports, and a rate table\'s input into the rates', () => {
        expect(enteredValue({ target: { type: 'checkbox', checked: true } })).toBe(true);
        expect(enteredValue({ target: { type: 'text', value: 'typed' }, detail: { value: 'chosen' } })).toBe('chosen');
        expect(enteredValue({ target: { type: 'text', value: 'typed' } })).toBe('typed');
        const rates = withEnteredRate({ 'users/Upfront': { rate: '1', quantity: '2' } },
            { key: 'users', kind: 'Upfront', column: 'rate', value: '' });
        expect(rates).toEqual({ 'users/Upfront': { rate: null, quantity: '2' } });
    });
});
