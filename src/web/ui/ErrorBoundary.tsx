import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useLocation } from 'react-router';

interface State {
  error: Error | null;
}

/**
 * Keeps a page's failure inside the page: the header, the navigation and the rest of the app stay usable,
 * and the person reads a French message instead of a blank screen.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override componentDidUpdate(previous: { resetKey?: string }): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <>
        <h1>Cette page n’a pas pu s’afficher</h1>
        <p className="alert alert-error" role="alert">
          Une erreur inattendue est survenue. Rechargez la page ; si le problème continue, revenez à
          l’accueil.
        </p>
        <p>
          <a href="/">Revenir à l’accueil</a>
        </p>
      </>
    );
  }
}

/** An error boundary that lets the page try again after the person navigates elsewhere. */
export function PageErrorBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  return <ErrorBoundary resetKey={location.pathname + location.search}>{children}</ErrorBoundary>;
}
