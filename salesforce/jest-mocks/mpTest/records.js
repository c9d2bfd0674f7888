/**
 * A pretend org for the pages' tests: Lightning Data Service's createRecord hands out ids, and every record write a
 * page makes (create, update, delete, and the files a seller uploads) is kept in order, so that a test can compare
 * what a walkthrough wrote with salesforce/walkthroughs/<name>.json. The end-to-end tests of the connector
 * (io.mpcrm.connector.pages.WalkthroughIT) write the same steps into the sandbox org as the seller would and check the
 * outcome, so a walkthrough file is what the page writes and what the connector is proven to take.
 *
 * In a walkthrough file, records are named instead of identified: "$MP_Private_Offer__c#1" is the first offer the
 * page created; "$sellerAccount", "$product.SaaS" and "$sharedResaleAuthorization" are records the page read, which
 * the end-to-end test finds in the sandbox, "$MP_Payment_Installment__c.2" the second installment the connector
 * generated; a date, also inside a request's JSON input, is "{today+N}", N days after the day the walkthrough ran.
 */
import { createRecord, deleteRecord, updateRecord } from 'lightning/uiRecordApi';

const fs = require('fs');
const path = require('path');

const KEY_PREFIXES = {
    MP_Private_Offer__c: 'a05',
    MP_Offer_Dimension__c: 'a06',
    MP_Payment_Installment__c: 'a07',
    MP_Resale_Authorization__c: 'a08',
    MP_Resale_Dimension__c: 'a09',
    MP_Resale_Installment__c: 'a0A',
    Marketplace_Request__c: 'a0R',
    ContentDocument: '069'
};
const DATES = /\b\d{4}-\d{2}-\d{2}\b/g;
const WALKTHROUGHS = path.join(__dirname, '..', '..', 'walkthroughs');

export function recordId(apiName, n) {
    return `${KEY_PREFIXES[apiName] || 'a0Z'}${String(n).padStart(12, '0')}AAA`;
}

/** Starts a pretend org whose records the page may read: known maps their ids to the names a walkthrough uses. */
export function fakeOrg(known = {}) {
    const names = new Map(Object.entries(known));
    const counts = {};
    const upload = jest.fn();
    const next = (apiName) => {
        counts[apiName] = (counts[apiName] || 0) + 1;
        const id = recordId(apiName, counts[apiName]);
        names.set(id, `${apiName}#${counts[apiName]}`);
        return id;
    };
    createRecord.mockImplementation(async ({ apiName, fields }) => ({ id: next(apiName), apiName, fields: {} }));
    updateRecord.mockImplementation(async ({ fields }) => ({ id: fields.Id, fields: {} }));
    deleteRecord.mockImplementation(async () => undefined);

    return {
        /** Names a record the page read but did not create (an installment the connector generated). */
        name(id, name) {
            names.set(id, name);
        },

        /** A file the seller uploads through lightning-file-upload onto the record: its ContentDocument id. */
        upload(title, linkedTo) {
            const id = next('ContentDocument');
            upload({ title, linkedTo, id });
            return id;
        },

        /** The writes so far, in order, with ids and dates named as a walkthrough file names them. */
        writes(today) {
            const calls = [
                ...createRecord.mock.calls.map((args, i) => ({ order: createRecord.mock.invocationCallOrder[i],
                    step: () => ({ create: names.get(createdId(args[0].apiName, i)), fields: args[0].fields }) })),
                ...updateRecord.mock.calls.map((args, i) => ({ order: updateRecord.mock.invocationCallOrder[i],
                    step: () => {
                        const { Id, ...fields } = args[0].fields;
                        return { update: names.get(Id) || Id, fields };
                    } })),
                ...deleteRecord.mock.calls.map((args, i) => ({ order: deleteRecord.mock.invocationCallOrder[i],
                    step: () => ({ delete: names.get(args[0]) || args[0] }) })),
                ...upload.mock.calls.map((args, i) => ({ order: upload.mock.invocationCallOrder[i],
                    step: () => ({ upload: names.get(args[0].id), title: args[0].title, linkedTo: args[0].linkedTo }) }))
            ].sort((a, b) => a.order - b.order);
            return calls.map((call) => named(call.step(), names, today));
        }
    };

    /** The id createRecord handed out for its i-th call (ids are handed out in call order per object). */
    function createdId(apiName, callIndex) {
        const earlier = createRecord.mock.calls.slice(0, callIndex + 1).filter((args) => args[0].apiName === apiName);
        return recordId(apiName, earlier.length);
    }
}

function named(value, names, today) {
    if (Array.isArray(value)) {
        return value.map((v) => named(v, names, today));
    }
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, named(v, names, today)]));
    }
    if (typeof value === 'string' && names.has(value)) {
        return `$${names.get(value)}`;
    }
    if (typeof value === 'string' && today) {
        // Dates, also inside a request's JSON input, as days from the walkthrough's today.
        return value.replace(DATES, (date) => {
            const days = Math.round((Date.parse(date) - Date.parse(today)) / 86400000);
            return `{today${days < 0 ? '' : '+'}${days}}`;
        });
    }
    return value;
}

/**
 * The walkthrough file: what the page must write (steps), who writes it and where it must end. With
 * UPDATE_WALKTHROUGHS=1 in the environment the file is written from this run first (then review its diff).
 */
export function walkthrough(name, actual) {
    const file = path.join(WALKTHROUGHS, `${name}.json`);
    if (process.env.UPDATE_WALKTHROUGHS === '1') {
        fs.writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
    }
    return JSON.parse(fs.readFileSync(file, 'utf8'));
}
