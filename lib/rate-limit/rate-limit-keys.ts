/** Every rate-limit key in one place, so that sign-in and phone change share the same counters. */
export const rateLimitKeys = {
  codesPerPhone: (phone: string) => `otp:phone:${phone}`,
  codesPerAddress: (address: string) => `otp:ip:${address}`,
  failedPerPhone: (phone: string) => `otp:failed:${phone}`,
};
