// lightning/graphql as sfdx-lwc-jest stubs it, with a gql that keeps the query text, so that a test can emit data to
// the one wire whose query names an object (the stub's gql returns nothing).
export { graphql } from '@salesforce/sfdx-lwc-jest/src/lightning-stubs/graphql/graphql';

export function gql(strings, ...values) {
    return strings.reduce((query, text, i) => query + text + (i < values.length ? values[i] : ''), '');
}
