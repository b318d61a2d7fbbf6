import type request from 'supertest';
import { LOGIN_COOKIE, SESSION_COOKIE } from '../../src/modules/auth/credentials.js';

type Client = ReturnType<typeof request>;

/** What the sign-in page gives a browser: its token cookie and the form's hidden `_csrf`. */
export async function loginPage(anon: Client): Promise<{ cookie: string; csrf: string }> {
  const page = await anon.get('/login').expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  const cookie = cookieNamed(page, LOGIN_COOKIE);
  if (!csrf || !cookie) throw new Error('the sign-in page gave no form token');
  return { cookie, csrf };
}

/** Posts the sign-in form as a browser does, after loading the page; expects `status`. */
export async function submitLoginForm(anon: Client, fields: Record<string, string>, status: number): Promise<request.Response> {
  const { cookie, csrf } = await loginPage(anon);
  return anon.post('/login').set('Cookie', cookie).type('form').send({ ...fields, _csrf: csrf }).expect(status);
}

/** Signs in through the form; the session cookie ("name=value"). */
export async function signInThroughForm(anon: Client, email: string, password: string): Promise<string> {
  const res = await submitLoginForm(anon, { email, password }, 303);
  const session = cookieNamed(res, SESSION_COOKIE);
  if (!session) throw new Error('signed in without a session cookie');
  return session;
}

/** "name=value" of a cookie the answer sets (not one it clears), or undefined. */
export function cookieNamed(res: request.Response, name: string): string | undefined {
  const cookies = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return cookies.map((c) => c.split(';')[0] as string).find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);
}
