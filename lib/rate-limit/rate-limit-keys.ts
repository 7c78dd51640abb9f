/** Every rate-limit key in one place, so that sign-in and phone change share the same counters. */
export const rateLimitKeys = {
  codesPerPhone: (phone: string) => `otp:phone:${phone}`,
  codesPerAddress: (address: string) => `otp:ip:${address}`,
  /** The resend cooldown: one code per phone per OTP_RESEND_SECONDS, whatever the purpose or account. */
  resendPerPhone: (phone: string) => `otp:resend:${phone}`,
  /** Wrong codes for a phone from one client network (OTP_MAX_FAILED_PER_PHONE_PER_DAY). */
  failedPerPhoneAndNetwork: (phone: string, network: string) => `otp:failed:${phone}:${network}`,
  /** Wrong codes for a phone from every network (OTP_MAX_FAILED_PER_PHONE_TOTAL_PER_DAY). */
  failedPerPhone: (phone: string) => `otp:failed:${phone}`,
  /** Every SMS of the service (SMS_MAX_PER_HOUR). */
  smsPerHour: () => "sms:all",
  phoneChangesPerAccount: (userId: string) => `phone-change:user:${userId}`,
  failedActivationsPerAccount: (userId: string) => `invite:failed:${userId}`,
  refreshesPerSession: (sessionId: string) => `refresh:session:${sessionId}`,
  avatarUploadsPerAccount: (userId: string) => `avatar:user:${userId}`,
};
