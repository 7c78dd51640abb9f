/** Users per page of the admin table (shared by the server render and the client component). */
export const USERS_PAGE_SIZE = 20;
