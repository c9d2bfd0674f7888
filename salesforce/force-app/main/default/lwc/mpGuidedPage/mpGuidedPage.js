/**
 * What the guided pages (mpOfferPage, mpResaleAuthorizationPage, mpChannelPartnerOfferPage) do alike, in one place: read
 * the rows the GraphQL wire adapter delivers, save the page's record with its rates and installments through Lightning
 * Data Service writing only what changed, record a request and follow it to its outcome, and place the connector's
 * problems beside the fields they name. A service component (Share JavaScript Code,
 * https://developer.salesforce.com/docs/platform/lwc/guide/js-share-code): functions, no template. What differs in
 * meaning between an offer and a resale authorization (object and field names, labels, which rows need units) is a
 * parameter; the GraphQL queries stay in components, beside the wires that run them (gql marks "GraphQL queries within
 * your LWC component", https://developer.salesforce.com/docs/platform/graphql/guide/graphql-wire-lwc-query.html): the
 * ones both pages run in c-mp-synced-products, each record's own in its page. Functions the pages call, not a base
 * class they extend: LWC allows inheritance but recommends composition, and a module of logic only to share code
 * (https://developer.salesforce.com/docs/platform/lwc/guide/create-components-compose-intro.html).
 *
 * The functions that take the page read and write these fields of it: busy, platformError, connectorProblems,
 * request, requestAction, requestId, pollTimer, installmentsResult, loadedStatus, sellerAccounts, sellerAccountId,
 * products, dimensions, rates, savedRates, installments, savedInstallments, and its trackedRecordId (the record the
 * request works on, while it is followed) and persist() (saves the page's records).
 */
import { createRecord, deleteRecord, notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import { PRICING_MODEL_LABELS, PRODUCT_TYPES, addToDate, options, today } from 'c/mpRules';
import { POLL_MILLIS, createRequest, errorMessage, finished, parseProblems, value } from 'c/mpRequests';

export const GENERATE_PAYMENT_SCHEDULE = 'GENERATE_PAYMENT_SCHEDULE';
/** The input of a payment schedule request, and the switch that asks for one: problems of the schedule. */
export const SCHEDULE_FIELDS = ['input', 'totalAmount', 'currency', 'firstPaymentDate', 'endDate', 'frequencyDays',
    'remainder', 'dayCounting', 'Installments_Enabled__c'];
export const LENGTH_UNIT_OPTIONS = [{ label: 'Months', value: 'months' }, { label: 'Days', value: 'days' }];
export const CHANNEL_OPTIONS = [{ label: 'AWS Marketplace', value: 'AwsMarketplace' },
    { label: 'Outside AWS Marketplace', value: 'External' }];
export const RENEWAL_PRICING_OPTIONS = options(['Contract', 'Usage', 'Byol', 'Free'], PRICING_MODEL_LABELS);

// ------------------------------------------------------------------ reading

/** The nodes of a GraphQL wire's data for one object (none before the data). */
export function nodes(data, object) {
    return data && data.uiapi ? data.uiapi.query[object].edges.map((edge) => edge.node) : [];
}

/** A field value of a GraphQL node. */
export function v(node, field) {
    return node[field] ? node[field].value : null;
}

/** The seller accounts a seller may act for (a channel partner's own account makes no offers of its own). */
export function sellerAccountsOf(data) {
    return nodes(data, 'AWS_Seller_Account__c').filter((node) => v(node, 'Role__c') !== 'Channel Partner')
        .map((node) => ({ id: node.Id, name: v(node, 'Name'), accountId: v(node, 'Account_Id__c') }));
}

export function productsOf(data) {
    return nodes(data, 'MP_Product__c').map((node) => ({ id: node.Id, name: v(node, 'Name'),
        productId: v(node, 'Product_Id__c'), type: v(node, 'Product_Type__c') }));
}

export function dimensionsOf(data) {
    return nodes(data, 'MP_Product_Dimension__c').map((node) => ({ key: v(node, 'Dimension_Key__c'),
        name: v(node, 'Name'), unit: v(node, 'Unit__c'), types: v(node, 'Types__c'),
        description: v(node, 'Description__c') }));
}

/** Stored rates by "key/kind", as a page keeps what is entered. */
export function ratesOf(data, object) {
    const rates = {};
    nodes(data, object).forEach((node) => {
        rates[`${v(node, 'Dimension_Key__c')}/${v(node, 'Rate_Kind__c')}`] = { id: node.Id,
            rate: v(node, 'Rate__c'), quantity: v(node, 'Quantity__c') };
    });
    return rates;
}

export function installmentsOf(data, object) {
    return nodes(data, object).map((node) => ({ id: node.Id, date: v(node, 'Charge_Date__c'),
        amount: v(node, 'Charge_Amount__c') }));
}

export function sellerAccountOptions(accounts) {
    return accounts.map((a) => ({ label: `${a.name} (${a.accountId})`, value: a.id }));
}

/** The products of the types the connector makes offers and resale authorizations for. */
export function productOptions(products) {
    return products.filter((p) => PRODUCT_TYPES.includes(p.type))
        .map((p) => ({ label: `${p.name} (${p.type}, ${p.productId})`, value: p.id }));
}

/**
 * What c-mp-synced-products read ({ sellerAccounts }, { products } or { dimensions }), kept on the page; a seller with
 * one seller account has it chosen.
 */
export function receiveCatalog(page, { sellerAccounts, products, dimensions }) {
    if (sellerAccounts) {
        page.sellerAccounts = sellerAccounts;
        if (!page.sellerAccountId && sellerAccounts.length === 1) {
            page.sellerAccountId = sellerAccounts[0].id;
        }
    }
    if (products) {
        page.products = products;
    }
    if (dimensions) {
        page.dimensions = dimensions;
    }
}

/**
 * What a page shows of its seller account and product choice: the seller account list when there is more than one
 * account to choose, the products it can choose, and the chosen product's type (null before one is chosen).
 */
export function productChoice({ sellerAccounts, products, productId }) {
    const product = products.find((p) => p.id === productId);
    return {
        showSellerAccounts: sellerAccounts.length > 1,
        sellerAccountOptions: sellerAccountOptions(sellerAccounts),
        productOptions: productOptions(products),
        productType: product ? product.type : null,
        hasProduct: Boolean(product && product.type)
    };
}

/** The stored rates of the page's record (object) as a GraphQL wire delivers them: what is entered, and what is stored. */
export function receiveRates(page, data, object) {
    if (!data) {
        return;
    }
    const rates = ratesOf(data, object);
    page.rates = rates;
    page.savedRates = JSON.parse(JSON.stringify(rates));
}

/** The stored installments (object) as a GraphQL wire delivers them; the result is kept to read them again. */
export function receiveInstallments(page, result, object) {
    page.installmentsResult = result;
    if (!result.data) {
        return;
    }
    page.installments = installmentsOf(result.data, object);
    page.savedInstallments = page.installments.map((row) => ({ ...row }));
}

// ------------------------------------------------------------------ input

/** What an input reports: a checkbox's or toggle's checked, else the value (lightning-* report it in detail). */
export function enteredValue(event) {
    return event.target.type === 'checkbox' || event.target.type === 'toggle' ? event.target.checked
        : event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
}

/** The rates with what mpRateTable reports typed ({ key, kind, column, value }); empty is none. */
export function withEnteredRate(rates, { key, kind, column, value: typed }) {
    const rowKey = `${key}/${kind}`;
    const entered = typed === '' ? null : typed;
    return { ...rates, [rowKey]: { ...(rates[rowKey] || {}), [column]: entered } };
}

/** A rate table row's dimension columns. */
export function dimensionColumns(dimension, kind) {
    return {
        rowKey: `${dimension.key}/${kind}`,
        key: dimension.key,
        name: dimension.name,
        description: dimension.description,
        unit: dimension.unit,
        types: String(dimension.types || '').split(';').join(', '),
        kind
    };
}

/** The upfront rows with units, as contractTotal takes them. */
export function upfrontCharges(rateRows) {
    return rateRows.filter((row) => row.kind === 'Upfront' && row.quantity)
        .map((row) => ({ kind: row.kind, rate: row.rate, quantity: row.quantity }));
}

/** The last day a payment schedule may charge: the length after the expiration (or today). */
export function scheduleEndAfter(expirationDate, lengthAmount, lengthUnit) {
    return addToDate(expirationDate || today(), lengthUnit === 'days' ? { days: Number(lengthAmount) - 1 }
        : { months: Number(lengthAmount) });
}

export function attachedText(documentId, fileName) {
    return documentId ? `Attached: ${fileName || documentId}` : null;
}

// ------------------------------------------------------------------ writing

/** Creates the record, or updates the fields that changed since `saved`; resolves to its id and what is stored. */
export async function saveRecord({ apiName, id, fields, saved }) {
    if (!id) {
        const created = await createRecord({ apiName, fields });
        return { id: created.id, saved: { ...fields }, created: true };
    }
    const changed = Object.fromEntries(Object.entries(fields).filter(([k, val]) => saved[k] !== val));
    if (!Object.keys(changed).length) {
        return { id, saved, created: false };
    }
    await updateRecord({ fields: { Id: id, ...changed } });
    return { id, saved: { ...saved, ...changed }, created: false };
}

/**
 * The rate records a rate table asks for, by row key: each row with a price, and a row with units alone where
 * `unitsAlone(row)` says its units are asked for.
 */
export function wantedRates(rateRows, unitsAlone) {
    const wanted = {};
    rateRows.forEach((row) => {
        const priced = row.rate !== null && row.rate !== undefined && row.rate !== '';
        if (priced || (unitsAlone(row) && row.quantity)) {
            wanted[row.rowKey] = { key: row.key, kind: row.kind, rate: priced ? Number(row.rate) : null,
                quantity: row.withQuantity && row.quantity ? Number(row.quantity) : null };
        }
    });
    return wanted;
}

/**
 * Writes the rate records (object, a child of parent.id through parent.field) so that they are `wanted`: creates the
 * new ones, updates the changed ones, deletes the ones no longer wanted; resolves to what is stored.
 */
export async function saveRates({ object, parent, wanted, saved }) {
    const stored = { ...saved };
    for (const [rowKey, rate] of Object.entries(wanted)) {
        const existing = stored[rowKey];
        if (!existing) {
            // eslint-disable-next-line no-await-in-loop
            const created = await createRecord({ apiName: object, fields: { [parent.field]: parent.id,
                Name: rate.key, Dimension_Key__c: rate.key, Rate_Kind__c: rate.kind, Rate__c: rate.rate,
                Quantity__c: rate.quantity } });
            stored[rowKey] = { id: created.id, rate: rate.rate, quantity: rate.quantity };
        } else if (Number(existing.rate) !== rate.rate || (existing.quantity ? Number(existing.quantity) : null)
                !== rate.quantity) {
            // eslint-disable-next-line no-await-in-loop
            await updateRecord({ fields: { Id: existing.id, Rate__c: rate.rate, Quantity__c: rate.quantity } });
            stored[rowKey] = { ...existing, rate: rate.rate, quantity: rate.quantity };
        }
    }
    for (const [rowKey, existing] of Object.entries(saved)) {
        if (!wanted[rowKey]) {
            // eslint-disable-next-line no-await-in-loop
            await deleteRecord(existing.id);
            delete stored[rowKey];
        }
    }
    return stored;
}

/**
 * Writes the installment records (object, children of parent.id through parent.field) so that they are `rows`, numbered
 * in order: creates the new rows, updates the changed date or amount, deletes the rows no longer there; resolves to
 * the rows as stored.
 */
export async function saveInstallments({ object, parent, rows, saved, currency }) {
    const kept = [];
    for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        const amount = row.amount === null || row.amount === '' ? null : Number(row.amount);
        if (!row.id) {
            // eslint-disable-next-line no-await-in-loop
            const created = await createRecord({ apiName: object, fields: { [parent.field]: parent.id,
                Installment_Number__c: i + 1, Charge_Date__c: row.date, Charge_Amount__c: amount,
                Currency__c: currency } });
            kept.push({ id: created.id, date: row.date, amount: row.amount });
        } else {
            const before = saved.find((stored) => stored.id === row.id) || {};
            const changed = {};
            if (before.date !== row.date) {
                changed.Charge_Date__c = row.date;
            }
            if (Number(before.amount) !== amount) {
                changed.Charge_Amount__c = amount;
            }
            if (Object.keys(changed).length) {
                // eslint-disable-next-line no-await-in-loop
                await updateRecord({ fields: { Id: row.id, ...changed } });
            }
            kept.push({ ...row });
        }
    }
    for (const stored of saved) {
        if (!kept.some((row) => row.id === stored.id)) {
            // eslint-disable-next-line no-await-in-loop
            await deleteRecord(stored.id);
        }
    }
    return kept;
}

// ------------------------------------------------------------------ following the request

/**
 * Saves what changed (page.persist()), then, for an action, forgets the last outcome (`forget()`), records the request
 * `about()` describes ({ sellerAccountId, targetRecordId, input }) and follows it; without one, only saves. A platform
 * error is shown on the page and rethrown.
 */
export async function saveAndRequest(page, action, about, forget) {
    page.busy = true;
    page.platformError = null;
    let following = false;
    try {
        await page.persist();
        if (action) {
            page.connectorProblems = [];
            page.request = null;
            forget();
            page.requestAction = action;
            page.requestId = await createRequest({ action, ...about() });
            following = true;
            startPolling(page);
        }
    } catch (error) {
        page.platformError = errorMessage(error);
        throw error;
    } finally {
        if (!following) {
            page.busy = false;
        }
    }
}

/** Asks Lightning Data Service every POLL_MILLIS for the request and the record it works on. */
export function startPolling(page) {
    stopPolling(page);
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    page.pollTimer = setInterval(() => {
        const ids = [{ recordId: page.requestId }];
        if (page.trackedRecordId) {
            ids.push({ recordId: page.trackedRecordId });
        }
        notifyRecordUpdateAvailable(ids);
    }, POLL_MILLIS);
}

export function stopPolling(page) {
    if (page.pollTimer) {
        clearInterval(page.pollTimer);
        page.pollTimer = null;
    }
}

function end(page) {
    stopPolling(page);
    page.busy = false;
}

/** The request as getRecord delivers it; a request that cannot be read is a platform error. */
export function receiveRequest(page, { data, error }, followRecord) {
    if (data) {
        page.request = data;
        followRecord();
    } else if (error) {
        page.platformError = 'The request could not be read: ' + errorMessage(error);
    }
}

/**
 * Stops following once the request and its record have ended: a failed request (its problems shown), a payment
 * schedule generated (the installments read again), a validation, or the record in one of the `ended` statuses (a
 * FAILED record's problems shown; `settled` becomes the page's loaded status, which locks it).
 */
export function followRecord(page, { validate, ended, status, error, settled }) {
    const requestStatus = value(page.request, 'Status__c');
    if (!finished(requestStatus)) {
        return;
    }
    if (requestStatus === 'Failed') {
        page.connectorProblems = parseProblems(value(page.request, 'Error__c'));
        end(page);
    } else if (page.requestAction === GENERATE_PAYMENT_SCHEDULE) {
        if (page.installmentsResult && page.installmentsResult.refresh) {
            page.installmentsResult.refresh();
        }
        end(page);
    } else if (page.requestAction === validate) {
        end(page);
    } else if (ended.includes(status)) {
        if (status === 'FAILED') {
            page.connectorProblems = parseProblems(error);
        } else if (settled && status === settled) {
            page.loadedStatus = settled;
        }
        end(page);
    }
}

// ------------------------------------------------------------------ outcome

export function problemSummary(problems) {
    const n = problems.length;
    return `The connector found ${n} ${n === 1 ? 'thing' : 'things'} to fix, shown beside the fields.`;
}

/**
 * What the page shows of its request while the request is not through: the platform's refusal, the request's
 * progress, its failure; null before any request. Once the request succeeded, undefined: the page says what became
 * of its record.
 */
export function requestOutcome(page) {
    if (page.platformError) {
        return { title: 'Salesforce refused', detail: page.platformError, tone: 'error' };
    }
    if (!page.requestId) {
        return null;
    }
    const status = value(page.request, 'Status__c');
    const name = value(page.request, 'Name') ? `Request ${value(page.request, 'Name')}` : 'The request';
    if (!status || !finished(status)) {
        return { title: `${name}: ${status || 'Queued'}`, detail: value(page.request, 'Progress__c')
            || 'The connector works on it; this page follows it.', tone: 'info' };
    }
    if (status === 'Failed') {
        return { title: `${name} failed`, detail: page.connectorProblems.length ? problemSummary(page.connectorProblems)
            : value(page.request, 'Error__c'), tone: 'error' };
    }
    if (page.requestAction === GENERATE_PAYMENT_SCHEDULE) {
        return { title: 'Installments generated', detail: value(page.request, 'Result__c'), tone: 'success' };
    }
    return undefined;
}

/**
 * What became of a private offer (direct or channel partner) once its request succeeded: valid, Released with its
 * buyer URL, a draft, FAILED (failedDetail), or in the works (workingTitle).
 */
export function offerOutcome(page, { status, url, failedDetail, workingTitle }) {
    if (page.requestAction === 'VALIDATE_OFFER') {
        return { title: 'The offer is valid', detail: 'Nothing was sent. This is what Create Offer would send:',
            result: value(page.request, 'Result__c'), tone: 'success' };
    }
    if (status === 'Released') {
        return { title: 'Released', detail: 'Buyers can accept the offer at its buyer URL.', url, tone: 'success' };
    }
    if (status === 'Draft') {
        return { title: 'Saved as a draft in AWS Marketplace', detail: 'Press Create Offer to release it.',
            tone: 'success' };
    }
    if (status === 'FAILED') {
        return { title: 'Failed', detail: failedDetail, tone: 'error' };
    }
    return workingOutcome(workingTitle);
}

/** While AWS Marketplace works on the record's change set. */
export function workingOutcome(title) {
    return { title, detail: 'AWS Marketplace is working on the change set; this page follows it.', tone: 'info' };
}

// ------------------------------------------------------------------ problems beside the fields

/** The messages of the problems that name the field. */
export function messagesOf(problems, field) {
    return problems.filter((p) => p.field === field).map((p) => p.message);
}

/** Each field's problems as one text (null: none), for the template. */
export function problemsByField(problems, fields) {
    const byField = {};
    fields.forEach((field) => {
        byField[field] = messagesOf(problems, field).join(' ') || null;
    });
    return byField;
}

/** The problems of installment rows, by charge date. */
export function installmentRowProblems(problems, installmentObject) {
    const byDate = {};
    problems.filter((p) => p.object === installmentObject && p.key).forEach((p) => {
        byDate[p.key] = byDate[p.key] ? `${byDate[p.key]} ${p.message}` : p.message;
    });
    return byDate;
}

/** The problems of the payment schedule as a whole. */
export function scheduleProblem(problems, installmentObject) {
    return problems.filter((p) => (p.object === installmentObject && !p.key) || SCHEDULE_FIELDS.includes(p.field))
        .map((p) => p.message).join(' ') || null;
}

/**
 * Problems the page cannot show beside a field or row, for the list at the top: the status's, and those of fields,
 * rate rows and installments the page does not show.
 */
export function generalProblems(problems, { fields, rateObjects, shownRowKeys, installmentObject, scheduleShown }) {
    return problems.filter((p) => {
        if (p.field && (fields.includes(p.field) || SCHEDULE_FIELDS.includes(p.field))) {
            return p.field === 'Status__c';
        }
        if (rateObjects.includes(p.object) && shownRowKeys.has(p.key)) {
            return false;
        }
        return !(p.object === installmentObject && scheduleShown);
    }).map((p, i) => ({ key: `general-${i}`, text: p.field ? `${p.field}: ${p.message}` : p.message }));
}
