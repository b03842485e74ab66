import { useEffect, useState } from 'preact/hooks';

/** A screen's address: `#/<path>?<params>` (hash routes: the hub serves one page, and the OIDC redirect keeps its query). */
export type Route = { path: string; params: URLSearchParams };

function current(): Route {
  const hash = location.hash.replace(/^#/, '') || '/';
  const at = hash.indexOf('?');
  return { path: at < 0 ? hash : hash.slice(0, at), params: new URLSearchParams(at < 0 ? '' : hash.slice(at + 1)) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function href(path: string, params: Record<string, string | null | undefined> = {}): string {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

export function navigate(path: string, params: Record<string, string | null | undefined> = {}): void {
  location.hash = href(path, params);
}
