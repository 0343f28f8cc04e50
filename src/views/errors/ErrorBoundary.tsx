import { Component, Fragment, type ReactNode } from 'react';

interface Props {
  /** shown in place of the children once they threw; `remount` renders them again from scratch */
  fallback: (error: Error, remount: () => void) => ReactNode;
  children: ReactNode;
}

interface State {
  error: Error | null;
  /** bumped by remount: the children's key, so they come back with fresh state */
  generation: number;
}

/** Catches what its children throw while rendering. React 19 still needs a class for this; it adds no DOM of its own. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, generation: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  remount = () => this.setState((s) => ({ error: null, generation: s.generation + 1 }));

  override render() {
    if (this.state.error) return this.props.fallback(this.state.error, this.remount);
    return <Fragment key={this.state.generation}>{this.props.children}</Fragment>;
  }
}
