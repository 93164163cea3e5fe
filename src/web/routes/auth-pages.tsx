import { useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { roleLabels, type Role } from '../../domain/access';
import type { Me } from '../../domain/schemas/auth';
import { api } from '../api/client';
import { homePathOf, useSession } from '../app/session';
import { ErrorSummary, problemOf, TextField, useDraft, usePageTitle, type FormProblem } from '../ui/form';

const labels = {
  email: 'Adresse e-mail',
  password: 'Mot de passe',
  displayName: 'Nom affiché',
  role: 'Type de compte',
  token: 'Lien',
};

export function LoginPage() {
  usePageTitle('Connexion');
  const { me, signedIn, hasJustSignedOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation() as { state?: { from?: string } };
  const [draft, update] = useDraft('login', { email: '' });
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  if (me) return <Navigate to={homePathOf[me.role]} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsBusy(true);
    try {
      const next = await api<Me>('/api/auth/login', {
        method: 'POST',
        body: { email: draft.email, password },
      });
      signedIn(next);
      navigate(location.state?.from ?? homePathOf[next.role], { replace: true });
    } catch (error) {
      setProblem(problemOf(error));
      setPassword('');
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <div className="narrow">
      <h1>Connexion</h1>
      {hasJustSignedOut && !problem && (
        <p className="alert alert-info" role="status">
          Vous êtes déconnecté·e.
        </p>
      )}
      <ErrorSummary problem={problem} labels={labels} />
      <form onSubmit={submit} noValidate>
        <TextField
          name="email"
          label={labels.email}
          type="email"
          autoComplete="email"
          required
          value={draft.email}
          onChange={(email) => update({ email })}
          problem={problem}
        />
        <TextField
          name="password"
          label={labels.password}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
          problem={problem}
        />
        <button className="button" type="submit" disabled={isBusy}>
          {isBusy ? 'Connexion…' : 'Se connecter'}
        </button>
      </form>
      <p>
        <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
      </p>
      <p>
        Pas encore de compte ? <Link to="/inscription">Créer un compte</Link>
      </p>
    </div>
  );
}

const signupRoles: { value: Role; hint: string }[] = [
  { value: 'household', hint: 'Vous cherchez de l’aide à domicile pour vous ou un proche.' },
  { value: 'worker', hint: 'Vous travaillez (ou souhaitez travailler) dans l’aide à domicile.' },
  { value: 'innovator', hint: 'Vous portez une idée ou un projet pour le secteur.' },
];

export function SignupPage() {
  usePageTitle('Créer un compte');
  const { me, signedIn } = useSession();
  const navigate = useNavigate();
  const [draft, update, clear] = useDraft('signup', {
    email: '',
    displayName: '',
    role: 'household' as Role,
  });
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  if (me) return <Navigate to={homePathOf[me.role]} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsBusy(true);
    try {
      const next = await api<Me>('/api/auth/signup', { method: 'POST', body: { ...draft, password } });
      clear();
      signedIn(next);
      navigate(homePathOf[next.role], { replace: true });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <div className="narrow">
      <h1>Créer un compte</h1>
      <ErrorSummary problem={problem} labels={labels} />
      <form onSubmit={submit} noValidate>
        <fieldset className="field" id="field-role">
          <legend>{labels.role}</legend>
          {signupRoles.map((option) => (
            <div className="radio" key={option.value}>
              <input
                type="radio"
                id={`role-${option.value}`}
                name="role"
                value={option.value}
                checked={draft.role === option.value}
                onChange={() => update({ role: option.value })}
              />
              <label htmlFor={`role-${option.value}`}>
                {roleLabels[option.value]} <span className="hint">{option.hint}</span>
              </label>
            </div>
          ))}
        </fieldset>
        <TextField
          name="displayName"
          label={labels.displayName}
          autoComplete="name"
          required
          value={draft.displayName}
          onChange={(displayName) => update({ displayName })}
          problem={problem}
          hint="Votre prénom et votre nom, ou le nom du foyer."
        />
        <TextField
          name="email"
          label={labels.email}
          type="email"
          autoComplete="email"
          required
          value={draft.email}
          onChange={(email) => update({ email })}
          problem={problem}
        />
        <TextField
          name="password"
          label={labels.password}
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={setPassword}
          problem={problem}
          hint="Au moins 12 caractères. Une phrase facile à retenir convient très bien."
        />
        <button className="button" type="submit" disabled={isBusy}>
          {isBusy ? 'Création…' : 'Créer mon compte'}
        </button>
      </form>
      <p>
        Déjà un compte ? <Link to="/connexion">Se connecter</Link>
      </p>
    </div>
  );
}

export function ForgotPasswordPage() {
  usePageTitle('Mot de passe oublié');
  const [draft, update] = useDraft('forgot', { email: '' });
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const answer = await api<{ detail: string }>('/api/auth/password-reset/request', {
        method: 'POST',
        body: draft,
      });
      setProblem(null);
      setSent(answer.detail);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  return (
    <div className="narrow">
      <h1>Mot de passe oublié</h1>
      <p>
        Indiquez l’adresse de votre compte : nous vous envoyons un lien pour choisir un nouveau mot de passe.
      </p>
      {sent && (
        <p className="alert alert-success" role="status">
          {sent}
        </p>
      )}
      <ErrorSummary problem={problem} labels={labels} />
      <form onSubmit={submit} noValidate>
        <TextField
          name="email"
          label={labels.email}
          type="email"
          autoComplete="email"
          required
          value={draft.email}
          onChange={(email) => update({ email })}
          problem={problem}
        />
        <button className="button" type="submit">
          Recevoir le lien
        </button>
      </form>
      <p>
        <Link to="/connexion">Retour à la connexion</Link>
      </p>
    </div>
  );
}

export function ResetPasswordPage() {
  usePageTitle('Nouveau mot de passe');
  const [params] = useSearchParams();
  const token = params.get('jeton') ?? '';
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('/api/auth/password-reset/confirm', { method: 'POST', body: { token, password } });
      setDone(true);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  if (done) {
    return (
      <div className="narrow">
        <h1>Mot de passe modifié</h1>
        <p className="alert alert-success" role="status">
          Votre nouveau mot de passe est enregistré. Par sécurité, vos autres sessions ont été fermées.
        </p>
        <Link className="button" to="/connexion">
          Se connecter
        </Link>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>Choisir un nouveau mot de passe</h1>
      <ErrorSummary problem={problem} labels={labels} />
      <form onSubmit={submit} noValidate>
        <TextField
          name="password"
          label="Nouveau mot de passe"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={setPassword}
          problem={problem}
          hint="Au moins 12 caractères."
        />
        <button className="button" type="submit">
          Enregistrer
        </button>
      </form>
    </div>
  );
}

export function AcceptInvitationPage() {
  usePageTitle('Invitation');
  const { token = '' } = useParams();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [invitation, setInvitation] = useState<{
    email: string;
    role: Role;
    organisationName: string | null;
  } | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [draft, update] = useDraft(`invitation:${token.slice(0, 8)}`, { displayName: '' });
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);

  useEffect(() => {
    api<{ email: string; role: Role; organisationName: string | null }>(
      `/api/invitations/${encodeURIComponent(token)}`,
    )
      .then(setInvitation)
      .catch((error: unknown) => setLoadProblem(problemOf(error).message));
  }, [token]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const next = await api<Me>(`/api/invitations/${encodeURIComponent(token)}/accept`, {
        method: 'POST',
        body: { ...draft, password },
      });
      signedIn(next);
      navigate(homePathOf[next.role], { replace: true });
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  if (loadProblem) {
    return (
      <div className="narrow">
        <h1>Invitation</h1>
        <p className="alert alert-error" role="alert">
          {loadProblem}
        </p>
      </div>
    );
  }
  if (!invitation) return <p role="status">Chargement de l’invitation…</p>;
  return (
    <div className="narrow">
      <h1>Rejoindre {invitation.organisationName ?? 'ProxiDom'}</h1>
      <p>
        Invitation pour <strong>{invitation.email}</strong> en tant que{' '}
        <strong>{roleLabels[invitation.role]}</strong>.
      </p>
      <ErrorSummary problem={problem} labels={labels} />
      <form onSubmit={submit} noValidate>
        <TextField
          name="displayName"
          label="Prénom et nom"
          autoComplete="name"
          required
          value={draft.displayName}
          onChange={(displayName) => update({ displayName })}
          problem={problem}
        />
        <TextField
          name="password"
          label="Mot de passe"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={setPassword}
          problem={problem}
          hint="Au moins 12 caractères."
        />
        <button className="button" type="submit">
          Créer mon compte
        </button>
      </form>
    </div>
  );
}
