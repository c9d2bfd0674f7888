// lightning/actions as a screen quick action uses it: the event that closes the action's modal.
export const CloseActionScreenEvent = class CloseActionScreenEvent extends CustomEvent {
    constructor() {
        super('close');
    }
};
