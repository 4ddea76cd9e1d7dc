import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Result } from 'antd';
import { api, ApiError, errorMessage, onUnauthorized, setCsrfToken } from './api';
import { AuthContext, type Auth } from './auth';
import { LoginPage } from './LoginPage';
import { ChangePasswordPage } from './ChangePasswordPage';
import { Shell } from './Shell';
import { Loading } from './components/Status';
import { navigate, usePath } from './router';
import { pageFor, pagesFor } from './pages';
import type { Permission, Session } from '../../src/http/routes/auth.schema';

type Boot = { state: 'checking' } | { state: 'failed'; error: unknown } | { state: 'ready' };

/**
 * Whether this browser was signed in when the workbench last ran (a hint only: the session cookie
 * is HttpOnly, and the server decides). Without it the login form is shown at once, while the
 * session check is still under way, so keys typed right after the page loads land in it; with it a
 * spinner is shown, as the workbench itself will most likely follow.
 */
const SIGNED_IN_HINT = 'zhifa.signedIn';
function hadSession(): boolean {
  try {
    return window.localStorage.getItem(SIGNED_IN_HINT) === '1';
  } catch {
    return false;
  }
}
function rememberSession(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(SIGNED_IN_HINT, '1');
    else window.localStorage.removeItem(SIGNED_IN_HINT);
  } catch {
    // Storage refused (private mode): the hint is only a hint.
  }
}

export function App() {
  const path = usePath();
  const [boot, setBoot] = useState<Boot>({ state: 'checking' });
  const [session, setSession] = useState<Session | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Where to go after signing in (the page that was asked for). */
  const wanted = useRef<string | null>(null);

  /** The session check whose answer counts; a sign-in meanwhile makes a pending one stale. */
  const checkGeneration = useRef(0);
  const [expectSession] = useState(hadSession);

  const accept = useCallback((s: Session | null) => {
    setCsrfToken(s?.csrfToken ?? null);
    rememberSession(s !== null);
    setSession(s);
  }, []);

  const check = useCallback(() => {
    const generation = ++checkGeneration.current;
    setBoot({ state: 'checking' });
    api.me().then(
      (s) => {
        if (generation !== checkGeneration.current) return;
        accept(s);
        setBoot({ state: 'ready' });
      },
      (err: unknown) => {
        if (generation !== checkGeneration.current) return;
        if (err instanceof ApiError && err.status === 401) {
          accept(null);
          setBoot({ state: 'ready' });
        } else {
          setBoot({ state: 'failed', error: err });
        }
      },
    );
  }, [accept]);

  useEffect(() => {
    onUnauthorized(() => {
      // The session expired or was ended elsewhere: back to the login page, then back here.
      if (session) {
        wanted.current = window.location.pathname.replace(/^\/app/, '') || null;
        setNotice('登录已失效，请重新登录');
      }
      accept(null);
    });
    return () => onUnauthorized(null);
  }, [accept, session]);

  useEffect(check, [check]);

  // Keep the address bar honest: /login when signed out, a real page when signed in.
  useEffect(() => {
    if (boot.state !== 'ready') return;
    if (!session) {
      if (path !== '/login') {
        if (path !== '/') wanted.current = path;
        navigate('/login', { replace: true });
      }
      return;
    }
    // `/` is the 待办 home page for those who have one; everyone else goes to their first page.
    const home = pageFor('/');
    const hasHome = home !== undefined && session.permissions.includes(home.permission);
    if (path === '/login' || (path === '/' && !hasHome)) {
      const allowed = pagesFor(session.permissions);
      const asked = wanted.current ? pageFor(wanted.current) : undefined;
      const next =
        wanted.current && asked && session.permissions.includes(asked.permission)
          ? wanted.current
          : allowed[0]?.path;
      wanted.current = null;
      if (next) navigate(next, { replace: true });
    }
  }, [boot.state, session, path]);

  const auth = useMemo<Auth | null>(() => {
    if (!session) return null;
    return {
      session,
      can: (p: Permission) => session.permissions.includes(p),
      logout: async () => {
        try {
          await api.logout();
        } finally {
          setNotice(null);
          accept(null);
        }
      },
    };
  }, [session, accept]);

  const loginPage = (
    <LoginPage
      notice={notice}
      onSignedIn={(s) => {
        // Signed in while the first check was still out: its answer no longer counts.
        checkGeneration.current++;
        setNotice(null);
        accept(s);
        setBoot({ state: 'ready' });
      }}
    />
  );
  // The login form from the first render when no session is expected: typing never waits for
  // the check, and the same element stays mounted when the check answers 401.
  if (boot.state === 'checking' && !session && !expectSession) return loginPage;
  if (boot.state === 'checking') {
    return (
      <div className="zf-center zf-fullscreen">
        <Loading label="正在连接…" />
      </div>
    );
  }
  if (boot.state === 'failed') {
    return (
      <div className="zf-center zf-fullscreen">
        <Result
          status="warning"
          title="无法连接服务器"
          subTitle={errorMessage(boot.error)}
          extra={
            <Button type="primary" onClick={check}>
              重试
            </Button>
          }
        />
      </div>
    );
  }
  if (!auth) return loginPage;
  if (auth.session.user.mustChangePassword) {
    // The server answers nothing else until the password is the user's own (PASSWORD_CHANGE_REQUIRED).
    return (
      <ChangePasswordPage
        displayName={auth.session.user.displayName}
        onChanged={check}
        onLogout={auth.logout}
      />
    );
  }
  return (
    <AuthContext.Provider value={auth}>
      <Shell path={path} />
    </AuthContext.Provider>
  );
}
