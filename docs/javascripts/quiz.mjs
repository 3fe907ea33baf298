// "Test deg selv": single-choice questions that answer back (build_scripts/extension/quiz.py
// builds them and says what this module relies on). Choosing an option shows, in the
// question's live region, whether it is right and that option's own explanation; once every
// question has an answer, the score ("4 av 6 riktige"); "Prøv igjen" starts over. Nothing is
// remembered between visits. Without JavaScript the answers stay readable under "Vis svaret".

const TEXT = {
  right: "Riktig.",
  wrong: "Feil.",
  score: "Du har {right} av {count} riktige.",
  scoreAll: "Du har alle {count} riktige. Bra jobbet!",
  answered: "{answered} av {count} besvart.",
};

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
}

function chosenIndex(question) {
  const chosen = question.querySelector("input[type='radio']:checked");
  return chosen ? Number(chosen.value) : null;
}

function correctIndex(question) {
  return Number(question.querySelector(".quiz-explanations [data-correct]")?.dataset.option);
}

// The chosen option's verdict and explanation, in the question's live region.
function showFeedback(question) {
  const feedback = question.querySelector(".quiz-feedback");
  const chosen = chosenIndex(question);
  if (!feedback) return;
  if (chosen === null) {
    feedback.dataset.result = "";
    feedback.replaceChildren();
    return;
  }
  const right = chosen === correctIndex(question);
  const explanation = question.querySelector(
    `.quiz-explanations [data-option="${chosen}"] .quiz-explanation`,
  );
  const verdict = document.createElement("strong");
  verdict.textContent = right ? TEXT.right : TEXT.wrong;
  const copy = explanation ? [...explanation.cloneNode(true).childNodes] : [];
  feedback.dataset.result = right ? "riktig" : "feil";
  feedback.replaceChildren(verdict, " ", ...copy);
}

function showScore(quiz) {
  const questions = [...quiz.querySelectorAll(".quiz-question")];
  const answered = questions.filter((question) => chosenIndex(question) !== null);
  const right = answered.filter((question) => chosenIndex(question) === correctIndex(question));
  const score = quiz.querySelector(".quiz-score");
  const count = questions.length;
  let text = "";
  if (answered.length === count) {
    text = fill(right.length === count ? TEXT.scoreAll : TEXT.score, {
      right: right.length,
      count,
    });
  } else if (answered.length > 0) {
    text = fill(TEXT.answered, { answered: answered.length, count });
  }
  if (score && score.textContent !== text) score.textContent = text;
  quiz.querySelector("button[type='reset']")?.toggleAttribute("hidden", answered.length === 0);
}

export function mountQuiz(quiz, { signal }) {
  const on = (type, listener) => quiz.addEventListener(type, listener, { signal });
  on("submit", (event) => event.preventDefault());
  on("change", (event) => {
    const question = event.target.closest(".quiz-question");
    if (!question) return;
    showFeedback(question);
    showScore(quiz);
  });
  // The radios are cleared after the event: show the empty quiz then.
  on("reset", () => {
    setTimeout(() => {
      for (const question of quiz.querySelectorAll(".quiz-question")) showFeedback(question);
      showScore(quiz);
      quiz.querySelector("input[type='radio']")?.focus();
    }, 0);
  });
  // A reload may keep the choices the browser restored: show what they mean.
  for (const question of quiz.querySelectorAll(".quiz-question")) showFeedback(question);
  showScore(quiz);
  quiz.dataset.state = "ready";
}
