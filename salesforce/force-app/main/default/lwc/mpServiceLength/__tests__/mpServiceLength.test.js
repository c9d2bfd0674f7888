import MpServiceLength from 'c/mpServiceLength';
import { settle } from 'mpTest/org';
import { mount, unmountAfterEach } from 'mpTest/page';

describe('c-mp-service-length', () => {
    unmountAfterEach();

    it('shows the length and its unit, months or days, in the page\'s own tree, and reports what is entered', async () => {
        const length = mount('c-mp-service-length', MpServiceLength,
            { label: 'Contract duration', amount: 12, unit: 'months', spaced: true });
        const entered = [];
        length.addEventListener('fieldchange', (event) => entered.push(event.detail));

        expect(length.shadowRoot).toBeNull();
        expect(length.querySelector('lightning-layout').className).toBe('slds-m-top_small');
        const amount = length.querySelector('[data-field="lengthAmount"]');
        expect(amount.label).toBe('Contract duration');
        expect(amount.value).toBe(12);
        const unit = length.querySelector('[data-field="lengthUnit"]');
        expect(unit.value).toBe('months');
        expect(unit.options.map((o) => o.value)).toEqual(['months', 'days']);

        amount.dispatchEvent(new CustomEvent('change', { detail: { value: 3 } }));
        unit.dispatchEvent(new CustomEvent('change', { detail: { value: 'days' } }));
        await settle();

        expect(entered).toEqual([{ field: 'lengthAmount', value: 3 }, { field: 'lengthUnit', value: 'days' }]);
    });
});
