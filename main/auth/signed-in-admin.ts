/** The admin behind a call, as handlers see them. */
export interface SignedInAdmin {
  id: number;
  name: string;
  email: string;
}
