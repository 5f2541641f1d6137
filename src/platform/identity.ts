// Who the script runs as. A time-driven trigger runs as the account that installed it; that account
// creates (owns) the class spreadsheets.

/** The effective user's address (userinfo.email scope), lower case; '' when the platform withholds it. */
export function effectiveUserEmail(): string {
  try {
    return (Session.getEffectiveUser().getEmail() || '').trim().toLowerCase();
  } catch {
    return '';
  }
}
