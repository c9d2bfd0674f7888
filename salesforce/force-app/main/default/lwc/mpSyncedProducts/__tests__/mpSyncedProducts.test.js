import { graphql } from 'lightning/graphql';
import MpSyncedProducts from 'c/mpSyncedProducts';
import { DIMENSIONS, PRODUCTS, SAAS, SELLER_ACCOUNT, TWO_ACCOUNTS, emitRows, settle } from 'mpTest/org';
import { mount, unmountAfterEach } from 'mpTest/page';

function mountReporting(props) {
    const reads = [];
    const errors = [];
    const element = mount('c-mp-synced-products', MpSyncedProducts, props);
    element.addEventListener('catalogchange', (event) => reads.push(event.detail));
    element.addEventListener('catalogerror', (event) => errors.push(event.detail));
    return { element, reads, errors };
}

describe('c-mp-synced-products', () => {
    unmountAfterEach();

    it('reports the seller accounts a seller may act for, the chosen account\'s products and the chosen product\'s dimensions',
        async () => {
            const { element, reads } = mountReporting({});
            expect(element.shadowRoot).toBeNull();

            emitRows('AWS_Seller_Account__c', [...TWO_ACCOUNTS,
                { Id: 'a00000000000009AAA', Name: 'Partner', Account_Id__c: '999988887777', Role__c: 'Channel Partner' }]);
            await settle();
            emitRows('MP_Product__c', PRODUCTS, { sellerAccountId: SELLER_ACCOUNT });
            await settle();
            expect(reads).toEqual([{ sellerAccounts: [
                { id: SELLER_ACCOUNT, name: 'Acme ISV', accountId: '111122223333' },
                { id: TWO_ACCOUNTS[1].Id, name: 'Acme EMEA', accountId: '222233334444' }] }]);

            element.sellerAccountId = SELLER_ACCOUNT;
            await settle();
            emitRows('MP_Product__c', PRODUCTS, { sellerAccountId: SELLER_ACCOUNT });
            await settle();
            expect(reads[1].products.map((p) => `${p.name} ${p.type}`))
                .toEqual(['Acme Analytics SaaS', 'Acme Appliance AMI', 'Acme Cluster Container', 'Acme Data Feed Data']);

            element.productId = SAAS;
            await settle();
            emitRows('MP_Product_Dimension__c', DIMENSIONS[SAAS], { productId: SAAS });
            await settle();
            expect(reads[2].dimensions.map((d) => d.key)).toEqual(['admins', 'api_calls', 'storage_gb', 'users']);
            expect(reads).toHaveLength(3);
        });

    it('says why the seller accounts could not be read', async () => {
        const { reads, errors } = mountReporting({});

        graphql.emitErrors([{ message: 'No access to AWS_Seller_Account__c.' }],
            (config) => typeof config.query === 'string' && config.query.includes('AWS_Seller_Account__c('));
        await settle();

        expect(errors).toEqual(['No access to AWS_Seller_Account__c.']);
        expect(reads).toEqual([]);
    });
});
