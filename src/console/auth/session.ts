import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** What the console knows of the signed-in person: the token (kept in memory only) and its claims. */
export type Session = {
  token: string;
  claims: Claims;
  /** How the person signed in (a pasted development token, or the identity provider). */
  via: 'token' | 'oidc';
};

/** The hub's token claims the console uses to label and arrange its screens (the API decides what they show). */
export type Claims = { sub: string; name?: string; role: string; unit?: string; region?: string; exp?: number };

/** Reads a JWT's payload without verifying it: the hub verifies every request; this only labels the screens. */
export function decodeClaims(token: string): Claims | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const json = new TextDecoder().decode(base64UrlBytes(parts[1]!));
    const claims = JSON.parse(json) as Partial<Claims>;
    return typeof claims.sub === 'string' && typeof claims.role === 'string' ? (claims as Claims) : null;
  } catch {
    return null;
  }
}

export function expired(session: Session, now = Date.now()): boolean {
  return session.claims.exp !== undefined && session.claims.exp * 1000 <= now;
}

function base64UrlBytes(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** The signed-in session, for screens that need the principal's region (the API still decides what they see). */
export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}
