import { createRecord } from 'lightning/uiRecordApi';
import { createRequest, errorMessage, parseProblems } from 'c/mpRequests';

describe('mpRequests', () => {
    afterEach(() => jest.clearAllMocks());

    it('records a request as the button flows do: action, seller account, Queued, target and input', async () => {
        createRecord.mockResolvedValue({ id: 'a0R000000000001AAA' });

        const id = await createRequest({ action: 'GENERATE_PAYMENT_SCHEDULE', sellerAccountId: 'a00000000000001AAA',
            targetRecordId: 'a05000000000001AAA', input: '{"totalAmount":"1"}' });

        expect(id).toBe('a0R000000000001AAA');
        expect(createRecord).toHaveBeenCalledWith({ apiName: 'Marketplace_Request__c', fields: {
            Action__c: 'GENERATE_PAYMENT_SCHEDULE', Seller_Account__c: 'a00000000000001AAA', Status__c: 'Queued',
            Target_Record_Id__c: 'a05000000000001AAA', Input__c: '{"totalAmount":"1"}' } });
    });

    it('reads the connector\'s problems field by field, rows by their key or date', () => {
        const problems = parseProblems([
            'Buyer_Accounts__c: Buyer account 12345 is not an AWS account ID: use exactly 12 digits, no dashes or spaces.',
            'MP_Offer_Dimension__c m5.large.Rate__c: Usage rates have at most 8 decimals; round 0.123456789.',
            'MP_Payment_Installment__c 2030-01-15: The installment of 2030-01-15 is in the past; move it to today or later.',
            'MP_Payment_Installment__c: The installments total 10,000.00 USD but the rates come to 12,000.00 USD.',
            'Dimension api_calls: Usage pricing must price every metered dimension of the product.',
            'MP_Offer_Dimension__c (no key).Dimension_Key__c: Choose the product dimension this rate is for.',
            'The connector hit an unexpected error (IllegalStateException: boom). An administrator can find the details.'
        ].join('\n'));

        expect(problems).toEqual([
            { field: 'Buyer_Accounts__c', object: null, key: null, column: null,
                message: 'Buyer account 12345 is not an AWS account ID: use exactly 12 digits, no dashes or spaces.' },
            { field: null, object: 'MP_Offer_Dimension__c', key: 'm5.large', column: 'Rate__c',
                message: 'Usage rates have at most 8 decimals; round 0.123456789.' },
            { field: null, object: 'MP_Payment_Installment__c', key: '2030-01-15', column: null,
                message: 'The installment of 2030-01-15 is in the past; move it to today or later.' },
            { field: null, object: 'MP_Payment_Installment__c', key: null, column: null,
                message: 'The installments total 10,000.00 USD but the rates come to 12,000.00 USD.' },
            { field: null, object: 'Dimension', key: 'api_calls', column: null,
                message: 'Usage pricing must price every metered dimension of the product.' },
            { field: null, object: 'MP_Offer_Dimension__c', key: '(no key)', column: 'Dimension_Key__c',
                message: 'Choose the product dimension this rate is for.' },
            { field: null, object: null, key: null, column: null,
                message: 'The connector hit an unexpected error (IllegalStateException: boom). An administrator can find the details.' }
        ]);
        expect(parseProblems(null)).toEqual([]);
    });

    it('says what the platform refused', () => {
        expect(errorMessage({ body: { output: { errors: [], fieldErrors: { Name: [{ message: 'Too long' }] } } } }))
            .toBe('Too long');
        expect(errorMessage({ body: [{ message: 'insufficient access rights on object id' }] }))
            .toBe('insufficient access rights on object id');
        expect(errorMessage({ body: { message: 'Session expired' } })).toBe('Session expired');
    });
});
