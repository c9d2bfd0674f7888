/**
 * Asking the connector: a page records a Marketplace_Request__c exactly as a button's flow does
 * (Marketplace_Request_Create: Action__c, Input__c, Seller_Account__c, Status__c Queued, Target_Record_Id__c), and reads
 * back the request's outcome. The record-triggered flow Marketplace_Request_Publish_Event tells the connector, as for
 * any request.
 */
import { createRecord } from 'lightning/uiRecordApi';

export const REQUEST = 'Marketplace_Request__c';
export const REQUEST_FIELDS = ['Marketplace_Request__c.Name', 'Marketplace_Request__c.Status__c',
    'Marketplace_Request__c.Error__c', 'Marketplace_Request__c.Result__c', 'Marketplace_Request__c.Progress__c'];
/** How often a page looks at a request and its record while the connector works on them. */
export const POLL_MILLIS = 2000;

/** Records the request; resolves to its id. */
export async function createRequest({ action, sellerAccountId, targetRecordId, input }) {
    const fields = {
        Action__c: action,
        Seller_Account__c: sellerAccountId,
        Status__c: 'Queued'
    };
    if (targetRecordId) {
        fields.Target_Record_Id__c = targetRecordId;
    }
    if (input) {
        fields.Input__c = input;
    }
    const created = await createRecord({ apiName: REQUEST, fields });
    return created.id;
}

/** A request has ended: the connector writes Succeeded or Failed last. */
export function finished(status) {
    return status === 'Succeeded' || status === 'Failed';
}

/** A field value of a getRecord result. */
export function value(record, field) {
    const entry = record && record.fields && record.fields[field];
    return entry ? entry.value : null;
}

/**
 * The field-named problems of a failed request (RequestRejected: one "field: message" line each). A line that names
 * no field (an unexpected error) is a problem of the whole request. Rows are named with their object:
 * "MP_Offer_Dimension__c users.Rate__c", "MP_Payment_Installment__c 2027-01-15", "Dimension api_calls".
 */
export function parseProblems(errorText) {
    if (!errorText) {
        return [];
    }
    const problems = [];
    String(errorText).split('\n').filter((line) => line.trim() !== '').forEach((line) => {
        const match = FIELD_LINE.exec(line);
        if (!match) {
            problems.push({ field: null, object: null, key: null, column: null, message: line.trim() });
            return;
        }
        const [, name, detail, message] = match;
        const problem = { field: name, object: null, key: null, column: null, message: message.trim() };
        if (detail !== undefined && /__c$/.test(name)) {
            problem.object = name;
            const column = /^(.*)\.([A-Za-z][A-Za-z0-9_]*__c)$/.exec(detail);
            problem.key = column ? column[1] : detail;
            problem.column = column ? column[2] : null;
            problem.field = null;
        } else if (detail !== undefined && name === 'Dimension') {
            problem.object = 'Dimension';
            problem.key = detail;
            problem.field = null;
        } else if (detail === undefined && /^MP_[A-Za-z_]+__c$/.test(name) && ROW_OBJECTS.includes(name)) {
            problem.object = name;
            problem.field = null;
        }
        problems.push(problem);
    });
    return problems;
}

/** The child objects whose rows a problem can name. */
const ROW_OBJECTS = ['MP_Offer_Dimension__c', 'MP_Payment_Installment__c', 'MP_Resale_Dimension__c',
    'MP_Resale_Installment__c'];

const FIELD_LINE = new RegExp('^((?:[A-Za-z][A-Za-z0-9_]*__c)|Name|Dimension|input|totalAmount|currency'
    + '|firstPaymentDate|endDate|frequencyDays|remainder|dayCounting)(?: ((?:\\([^)]*\\))?[^\\s:]*))?: (.+)$');

/** The message of a platform error (createRecord's rejection, a wire's error) as a person reads it. */
export function errorMessage(error) {
    if (!error) {
        return 'Unknown error';
    }
    const body = error.body;
    if (Array.isArray(body)) {
        return body.map((e) => e.message).join(' ');
    }
    if (body && body.output && Array.isArray(body.output.errors) && body.output.errors.length) {
        return body.output.errors.map((e) => e.message).join(' ');
    }
    if (body && body.output && body.output.fieldErrors) {
        const messages = Object.values(body.output.fieldErrors).flat().map((e) => e.message);
        if (messages.length) {
            return messages.join(' ');
        }
    }
    if (body && body.message) {
        return body.message;
    }
    return error.message || String(error);
}
