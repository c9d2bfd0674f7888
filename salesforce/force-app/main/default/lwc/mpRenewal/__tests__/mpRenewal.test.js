import MpRenewal from 'c/mpRenewal';
import { settle } from 'mpTest/org';
import { mount, unmountAfterEach } from 'mpTest/page';

function reporting(props) {
    const entered = [];
    const element = mount('c-mp-renewal', MpRenewal, props);
    element.addEventListener('fieldchange', (event) => entered.push(event.detail));
    return { element, entered };
}

describe('c-mp-renewal', () => {
    unmountAfterEach();

    it('asks where the renewed agreement was bought and its pricing model only for a renewal, in the page\'s own tree',
        async () => {
            const { element } = reporting({ label: 'Renewal of an existing agreement?', renewal: false });

            expect(element.shadowRoot).toBeNull();
            expect(element.querySelector('[data-field="renewal"]').label).toBe('Renewal of an existing agreement?');
            expect(element.querySelector('[data-field="renewalChannel"]')).toBeNull();

            element.renewal = true;
            element.channel = 'External';
            element.channelProblem = 'Choose where the existing agreement was bought.';
            await settle();
            const channel = element.querySelector('[data-field="renewalChannel"]');
            expect(channel.value).toBe('External');
            expect(channel.options.map((o) => o.value)).toEqual(['AwsMarketplace', 'External']);
            expect(element.querySelector('[data-field="renewalPricing"]').options.map((o) => o.value))
                .toEqual(['Contract', 'Usage', 'Byol', 'Free']);
            expect(element.querySelector('[data-problem="Renewal_Acquisition_Channel__c"]').textContent)
                .toBe('Choose where the existing agreement was bought.');
            expect(element.querySelector('[data-problem="Renewal_Pricing_Model__c"]')).toBeNull();
        });

    it('reports what is ticked and chosen, with the field it is for', async () => {
        const { element, entered } = reporting({ label: 'Renewal?', renewal: true });

        const box = element.querySelector('[data-field="renewal"]');
        box.checked = false;
        box.dispatchEvent(new CustomEvent('change', { detail: { checked: false } }));
        const pricing = element.querySelector('[data-field="renewalPricing"]');
        pricing.dispatchEvent(new CustomEvent('change', { detail: { value: 'Usage' } }));
        await settle();

        expect(entered).toEqual([{ field: 'renewal', value: false }, { field: 'renewalPricing', value: 'Usage' }]);
    });
});
