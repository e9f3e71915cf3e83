// The live pre-check of the onboarding editors (templates, signatures), in plain JavaScript.
// A form marked data-precheck="<url>" is posted there 400 ms after the person stops typing; the answer's findings
// are listed under the editor, and those with a span over the text field are drawn as <mark> over a copy of the
// text, the finding's reason as their title. Files are sent as empty stand-ins: the rules only ask whether one is there.
(() => {
    for (const form of document.querySelectorAll('form[data-precheck]')) {
        const field = form.querySelector('[data-precheck-text]');
        const preview = form.querySelector('[data-precheck-preview]');
        const list = form.querySelector('[data-precheck-findings]');
        const status = form.querySelector('[data-precheck-status]');
        const variables = form.querySelector('[data-precheck-variables]');
        let timer;
        let asked = 0;

        function body() {
            const data = new FormData();
            for (const [name, value] of new FormData(form)) {
                data.append(name, value instanceof File ? (value.size > 0 ? new File([], value.name) : value) : value);
            }
            return data;
        }

        function mark(text, findings) {
            // The server reads a trimmed name; its spans count from the first character it kept.
            const offset = form.dataset.precheckTrim !== undefined ? text.length - text.trimStart().length : 0;
            const spans = findings.filter(f => f.field === field.name && f.span)
                .map(f => ({ f, start: f.span.start + offset, end: f.span.start + offset + f.span.length }))
                .sort((a, b) => a.start - b.start);
            const parts = [];
            let at = 0;
            for (const { f, start, end } of spans) {
                if (start < at || end > text.length) continue; // overlapping: listed, not drawn twice
                parts.push(text.slice(at, start));
                const m = document.createElement('mark');
                m.textContent = text.slice(start, end);
                m.title = f.message;
                m.dataset.finding = f.code;
                m.className = 'finding-' + f.severity;
                parts.push(m);
                at = end;
            }
            parts.push(text.slice(at));
            preview.replaceChildren(...parts);
        }

        function show(answer, text) {
            const findings = answer.findings ?? [];
            mark(text, findings);
            list.replaceChildren(...findings.map(f => {
                const li = document.createElement('li');
                li.className = 'finding-' + f.severity;
                li.dataset.finding = f.code;
                const code = document.createElement('code');
                code.textContent = f.code;
                li.append(code, ' ', f.message);
                return li;
            }));
            if (variables) variables.textContent = (answer.variables ?? []).map(v => '${' + v.name + ':' + v.type + '}').join('  ');
            status.className = answer.problem ? 'error' : 'muted';
            status.textContent = answer.problem ? answer.problem.code + ' ' + answer.problem.detail
                : findings.length === 0 ? form.dataset.precheckClean : '';
        }

        async function run() {
            const mine = ++asked;
            const text = field.value;
            try {
                const response = await fetch(form.dataset.precheck, { method: 'POST', body: body(), headers: { Accept: 'application/json' } });
                const answer = await response.json();
                if (mine === asked) show(answer, text);
            } catch {
                if (mine === asked) {
                    status.className = 'error';
                    status.textContent = form.dataset.precheckFailed;
                }
            }
        }

        form.addEventListener('input', () => {
            clearTimeout(timer);
            timer = setTimeout(run, 400);
        });
        if (field.value) run();
    }
})();
