/**
 * What the pages read in their tests, shaped as the GraphQL wire adapter and getRecord deliver it: the sandbox's
 * seller accounts, products and dimensions (the same keys as the connector's Marketplace sandbox seeds, so that a
 * walkthrough's records are ones the connector takes), and helpers to press and type as a seller does.
 */
import { graphql } from 'lightning/graphql';
import { getRecord } from 'lightning/uiRecordApi';

export const SELLER_ACCOUNT = 'a00000000000001AAA';
export const OTHER_SELLER_ACCOUNT = 'a00000000000002AAA';
export const PARTNER_ACCOUNT = 'a00000000000003AAA';
export const SAAS = 'a01000000000001AAA';
export const AMI = 'a01000000000002AAA';
export const CONTAINER = 'a01000000000003AAA';
export const DATA = 'a01000000000004AAA';
export const SHARED_RESALE_AUTHORIZATION = 'a0B000000000001AAA';
/** The records the pages read, as a walkthrough file names them. */
export const KNOWN = {
    [SELLER_ACCOUNT]: 'sellerAccount',
    [PARTNER_ACCOUNT]: 'partnerAccount',
    [SAAS]: 'product.SaaS',
    [AMI]: 'product.AMI',
    [CONTAINER]: 'product.Container',
    [SHARED_RESALE_AUTHORIZATION]: 'sharedResaleAuthorization'
};

const wrap = (fields) => Object.fromEntries(Object.entries(fields).map(([k, value]) => [k, k === 'Id' ? value : { value }]));

export function connection(object, rows) {
    return { uiapi: { query: { [object]: { edges: rows.map((row) => ({ node: wrap(row) })) } } } };
}

/** Emits rows to the wires whose query reads the object (and whose variables match, when given). */
export function emitRows(object, rows, variables) {
    graphql.emit(connection(object, rows), (config) => typeof config.query === 'string'
        && config.query.includes(`${object}(`)
        && (!variables || Object.entries(variables).every(([k, value]) => config.variables && config.variables[k] === value)));
}

export const ACCOUNTS = [
    { Id: SELLER_ACCOUNT, Name: 'Acme ISV', Account_Id__c: '111122223333', Role__c: 'ISV' }
];
export const TWO_ACCOUNTS = [...ACCOUNTS,
    { Id: OTHER_SELLER_ACCOUNT, Name: 'Acme EMEA', Account_Id__c: '222233334444', Role__c: 'Both' }];

export const PRODUCTS = [
    { Id: SAAS, Name: 'Acme Analytics', Product_Id__c: 'prod-saas0000000001', Product_Type__c: 'SaaS' },
    { Id: AMI, Name: 'Acme Appliance', Product_Id__c: 'prod-ami00000000001', Product_Type__c: 'AMI' },
    { Id: CONTAINER, Name: 'Acme Cluster', Product_Id__c: 'prod-ctr00000000001', Product_Type__c: 'Container' },
    { Id: DATA, Name: 'Acme Data Feed', Product_Id__c: 'prod-data0000000001', Product_Type__c: 'Data' }
];

/** The dimensions the Marketplace sandbox gives each product type (SeedData.dimensions). */
export const DIMENSIONS = {
    [SAAS]: [
        { Id: 'a02000000000001AAA', Name: 'Admin users', Dimension_Key__c: 'admins', Unit__c: 'Users', Types__c: 'Entitled', Description__c: 'Administrators' },
        { Id: 'a02000000000002AAA', Name: 'API calls', Dimension_Key__c: 'api_calls', Unit__c: 'Requests', Types__c: 'ExternallyMetered', Description__c: 'Calls to the public API' },
        { Id: 'a02000000000003AAA', Name: 'Storage', Dimension_Key__c: 'storage_gb', Unit__c: 'GB', Types__c: 'ExternallyMetered', Description__c: 'Stored data' },
        { Id: 'a02000000000004AAA', Name: 'Users', Dimension_Key__c: 'users', Unit__c: 'Users', Types__c: 'Entitled', Description__c: 'Named users' }
    ],
    [AMI]: [
        { Id: 'a02000000000011AAA', Name: 'c5.xlarge', Dimension_Key__c: 'c5.xlarge', Unit__c: 'Hrs', Types__c: 'Metered', Description__c: 'c5.xlarge' },
        { Id: 'a02000000000012AAA', Name: 'm5.large', Dimension_Key__c: 'm5.large', Unit__c: 'Hrs', Types__c: 'Metered', Description__c: 'm5.large' }
    ],
    [CONTAINER]: [
        { Id: 'a02000000000021AAA', Name: 'Clusters', Dimension_Key__c: 'clusters', Unit__c: 'Units', Types__c: 'Entitled', Description__c: 'Managed clusters' },
        { Id: 'a02000000000022AAA', Name: 'Nodes', Dimension_Key__c: 'nodes', Unit__c: 'Units', Types__c: 'Entitled', Description__c: 'Cluster nodes' },
        { Id: 'a02000000000023AAA', Name: 'vCPU hours', Dimension_Key__c: 'vcpu_hours', Unit__c: 'Hrs', Types__c: 'ExternallyMetered', Description__c: 'vCPU hours used' }
    ]
};

/** A getRecord result. */
export function record(apiName, id, fields) {
    return { apiName, id, fields: Object.fromEntries(Object.entries(fields)
        .map(([name, value]) => [name, { value, displayValue: null }])) };
}

export function emitRecord(apiName, id, fields) {
    getRecord.emit(record(apiName, id, fields), (config) => config.recordId === id);
}

/** Lets every pending promise of the page settle (writes, wires, re-renders). */
export async function settle() {
    // jsdom has no setImmediate, and fake timers hold macrotasks: let the microtask queue drain many times over.
    for (let i = 0; i < 200; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

export function find(element, selector) {
    const found = element.shadowRoot.querySelector(selector);
    if (!found) {
        throw new Error(`Nothing on the page matches ${selector}`);
    }
    return found;
}

export function query(element, selector) {
    return element.shadowRoot.querySelector(selector);
}

export function texts(element, selector) {
    return Array.from(element.shadowRoot.querySelectorAll(selector)).map((node) => node.textContent.trim());
}

/** Types or chooses a value, as lightning-input, -textarea, -combobox and -radio-group report it. */
export async function enter(element, field, value) {
    const input = find(element, `[data-field="${field}"]`);
    input.value = value;
    input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await settle();
}

export async function tick(element, field, checked) {
    const input = find(element, `[data-field="${field}"]`);
    input.checked = checked;
    input.dispatchEvent(new CustomEvent('change', { detail: { checked } }));
    await settle();
}

export async function press(element, id) {
    find(element, `[data-id="${id}"]`).dispatchEvent(new CustomEvent('click'));
    await settle();
}
