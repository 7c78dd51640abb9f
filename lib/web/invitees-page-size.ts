/** How many invited users the profile shows at first and adds with each "Show more". */
export const INVITEES_PAGE_SIZE = 20;
