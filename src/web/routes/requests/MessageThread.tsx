import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import type { MessageView } from './requests-api';

/** One thread of a request (household ↔ one provider), with a box to write in it. */
export function MessageThread(props: {
  title: string;
  requestId: string;
  organisationId: string | null;
  messages: MessageView[];
  onSent(): void;
  otherSide: 'household' | 'provider';
}) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `message-${props.organisationId ?? 'own'}`;

  async function send(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const query = props.organisationId ? `?organisationId=${props.organisationId}` : '';
      await api(`/api/requests/${props.requestId}/messages${query}`, { method: 'POST', body: { body } });
      setBody('');
      props.onSent();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Envoi impossible. Réessayez.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="message-thread">
      <h3>{props.title}</h3>
      {props.messages.length === 0 && <p className="hint">Aucun message.</p>}
      <ul className="plain-list">
        {props.messages.map((m) => (
          <li key={m.id}>
            <strong>{m.authorRole === props.otherSide ? props.title : 'Vous'}</strong> (
            {new Date(m.createdAt).toLocaleString('fr-FR')}) : {m.body}
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void send(e)} aria-label={`Écrire à ${props.title}`}>
        <label htmlFor={id}>Votre message</label>
        <textarea id={id} value={body} rows={2} onChange={(e) => setBody(e.target.value)} />
        {error && <p className="field-error">{error}</p>}
        <button type="submit" className="button button-secondary" disabled={busy || body.trim() === ''}>
          Envoyer
        </button>
      </form>
    </div>
  );
}
