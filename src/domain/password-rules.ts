/** Rules for a new password (PLT-03): long enough to resist guessing; null when acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return '密码至少 10 个字符';
  if (/^(.)\1*$/.test(password)) return '密码不能由同一字符重复组成';
  return null;
}
