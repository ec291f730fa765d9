/** What the store keeps of an end user of the monitored application. */
/** An end user of the monitored application, as SDKs report it. */
export interface EventUser {
  id: string;
  email: string;
  username: string;
  name: string;
  ipAddress: string;
}
