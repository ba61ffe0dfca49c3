import type { Person } from '../../../api/types';

/** What the admin types to confirm: the person's name, or their address while they have none. */
export function confirmationWord(person: Pick<Person, 'name' | 'email'>): string {
  return person.name.trim() || person.email;
}

/** The typed text confirms when it is the word, ignoring case, outer spaces and Unicode form. */
export function confirms(typed: string, word: string): boolean {
  const plain = (text: string) => text.trim().normalize('NFC').toLocaleLowerCase();
  return plain(typed) !== '' && plain(typed) === plain(word);
}
