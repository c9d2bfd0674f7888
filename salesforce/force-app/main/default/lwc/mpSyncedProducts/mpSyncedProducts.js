import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { dimensionsOf, productsOf, sellerAccountsOf } from 'c/mpGuidedPage';

const SELLER_ACCOUNTS = gql`
    query guidedPageSellerAccounts {
        uiapi {
            query {
                AWS_Seller_Account__c(orderBy: { Name: { order: ASC } }, first: 200) {
                    edges { node { Id Name { value } Account_Id__c { value } Role__c { value } } }
                }
            }
        }
    }`;
const PRODUCTS = gql`
    query guidedPageProducts($sellerAccountId: ID) {
        uiapi {
            query {
                MP_Product__c(where: { Seller_Account__c: { eq: $sellerAccountId } }, orderBy: { Name: { order: ASC } },
                        first: 200) {
                    edges { node { Id Name { value } Product_Id__c { value } Product_Type__c { value } } }
                }
            }
        }
    }`;
const DIMENSIONS = gql`
    query guidedPageProductDimensions($productId: ID) {
        uiapi {
            query {
                MP_Product_Dimension__c(where: { Product__c: { eq: $productId } },
                        orderBy: { Dimension_Key__c: { order: ASC } }, first: 200) {
                    edges { node { Id Name { value } Dimension_Key__c { value } Unit__c { value } Types__c { value }
                        Description__c { value } } }
                }
            }
        }
    }`;

/**
 * What a guided page (mpOfferPage, mpResaleAuthorizationPage) chooses from, read as the user: the seller accounts
 * shared with them, the synced products of the chosen seller account and the dimensions of the chosen product. It
 * shows nothing; each read fires "catalogchange" with { sellerAccounts }, { products } or { dimensions }, and a
 * seller account list that cannot be read fires "catalogerror" with the GraphQL errors' text.
 *
 * A component of its own, and not a base class the pages extend or queries in the service module c/mpGuidedPage:
 * LWC recommends composition over inheritance and a module of logic only for what components share
 * (https://developer.salesforce.com/docs/platform/lwc/guide/create-components-compose-intro.html), and gql marks
 * "GraphQL queries within your LWC component"
 * (https://developer.salesforce.com/docs/platform/graphql/guide/graphql-wire-lwc-query.html); lightning/graphql names
 * dynamic query construction as a feature but documents no form of it
 * (https://developer.salesforce.com/docs/platform/lwc/guide/reference-graphql-wire.html), so each query stays a
 * literal beside its wire. A query waits for its variable through a getter that is undefined until then
 * (https://developer.salesforce.com/docs/platform/graphql/guide/graphql-wire-lwc-best.html). Light DOM
 * (https://developer.salesforce.com/docs/platform/lwc/guide/create-light-dom), as the pages' other parts.
 */
export default class MpSyncedProducts extends LightningElement {
    static renderMode = 'light';

    @api sellerAccountId;
    @api productId;

    @wire(graphql, { query: SELLER_ACCOUNTS })
    wiredSellerAccounts({ data, errors }) {
        if (data) {
            this.report({ sellerAccounts: sellerAccountsOf(data) });
        } else if (errors) {
            this.dispatchEvent(new CustomEvent('catalogerror', { detail: errors.map((e) => e.message).join(' ') }));
        }
    }

    get productsQuery() {
        return this.sellerAccountId ? PRODUCTS : undefined;
    }

    get productsVariables() {
        return { sellerAccountId: this.sellerAccountId };
    }

    @wire(graphql, { query: '$productsQuery', variables: '$productsVariables' })
    wiredProducts({ data }) {
        if (data) {
            this.report({ products: productsOf(data) });
        }
    }

    get dimensionsQuery() {
        return this.productId ? DIMENSIONS : undefined;
    }

    get dimensionsVariables() {
        return { productId: this.productId };
    }

    @wire(graphql, { query: '$dimensionsQuery', variables: '$dimensionsVariables' })
    wiredDimensions({ data }) {
        if (data) {
            this.report({ dimensions: dimensionsOf(data) });
        }
    }

    report(catalog) {
        this.dispatchEvent(new CustomEvent('catalogchange', { detail: catalog }));
    }
}
